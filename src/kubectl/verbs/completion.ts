/**
 * kubectl completion bash|zsh|fish|powershell: a completion script whose shape is kubectl's (the
 * header, the entry function, the `complete` registration), small enough for the simulated bash
 * to source: `source <(kubectl completion bash)` in ~/.bashrc defines __start_kubectl, and
 * `complete -o default -F __start_kubectl k` works. Completion itself is the TUI's.
 */
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';

const LICENSE = `
# Copyright 2016 The Kubernetes Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
`;

const BASH = `${LICENSE}# bash completion V2 for kubectl                              -*- shell-script -*-

__kubectl_debug()
{
    if [[ -n \${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "\${BASH_COMP_DEBUG_FILE}"
    fi
}

__start_kubectl()
{
    local cur prev words cword split
    COMPREPLY=()
    __kubectl_debug "========= starting completion logic =========="
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_kubectl kubectl
else
    complete -o default -o nospace -F __start_kubectl kubectl
fi

# ex: ts=4 sw=4 et filetype=sh
`;

const ZSH = `#compdef kubectl
compdef _kubectl kubectl
${LICENSE}
# zsh completion for kubectl                              -*- shell-script -*-

__kubectl_debug()
{
    local file="$BASH_COMP_DEBUG_FILE"
    if [[ -n \${file} ]]; then
        echo "$*" >> "\${file}"
    fi
}

_kubectl()
{
    __kubectl_debug "\\n========= starting completion logic =========="
}

# don't run the completion function when being source-ed or eval-ed
if [ "$funcstack[1]" = "_kubectl" ]; then
    _kubectl
fi
`;

const FISH = `${LICENSE}# fish completion for kubectl                              -*- shell-script -*-

function __kubectl_debug
    set -l file "$BASH_COMP_DEBUG_FILE"
    if test -n "$file"
        echo "$argv" >> $file
    end
end

complete -c kubectl -e
complete -c kubectl -n '__kubectl_requires_order_preservation && __kubectl_prepare_completions' -f -k -a '$__kubectl_comp_results'
`;

const POWERSHELL = `${LICENSE}# powershell completion for kubectl                              -*- shell-script -*-

function __kubectl_debug {
    if ($env:BASH_COMP_DEBUG_FILE) {
        "$args" | Out-File -Append -FilePath "$env:BASH_COMP_DEBUG_FILE"
    }
}

Register-ArgumentCompleter -CommandName 'kubectl' -ScriptBlock $__kubectlCompleterBlock
`;

const SCRIPTS: Record<string, string> = { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL };

export const completionCommand: KubectlCommand = {
  path: ['completion'],
  help: {
    short: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
    long: `Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kubectl commands.  This can be done by sourcing it from the .bash_profile.

 Detailed instructions on how to do this are available here:

        for macOS:
        https://kubernetes.io/docs/tasks/tools/install-kubectl-macos/#enable-shell-autocompletion
        
        for linux:
        https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/#enable-shell-autocompletion
        
        for windows:
        https://kubernetes.io/docs/tasks/tools/install-kubectl-windows/#enable-shell-autocompletion
        
 Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2.`,
    examples: `# Installing bash completion on macOS using homebrew
## If running Bash 3.2 included with macOS
brew install bash-completion
## or, if running Bash 4.1+
brew install bash-completion@2
## If kubectl is installed via homebrew, this should start working immediately
## If you've installed via other means, you may need add the completion to your completion directory
kubectl completion bash > $(brew --prefix)/etc/bash_completion.d/kubectl


# Installing bash completion on Linux
## If bash-completion is not installed on Linux, install the 'bash-completion' package
## via your distribution's package manager.
## Load the kubectl completion code for bash into the current shell
source <(kubectl completion bash)
## Write bash completion code to a file and source it from .bash_profile
kubectl completion bash > ~/.kube/completion.bash.inc
printf "
# kubectl shell completion
source '$HOME/.kube/completion.bash.inc'
" >> $HOME/.bash_profile
source $HOME/.bash_profile

# Load the kubectl completion code for zsh[1] into the current shell
source <(kubectl completion zsh)
# Set the kubectl completion code for zsh[1] to autoload on startup
kubectl completion zsh > "\${fpath[1]}/_kubectl"


# Load the kubectl completion code for fish[2] into the current shell
kubectl completion fish | source
# To load completions for each session, execute once:
kubectl completion fish > ~/.config/fish/completions/kubectl.fish

# Load the kubectl completion code for powershell into the current shell
kubectl completion powershell | Out-String | Invoke-Expression
# Set kubectl completion code for powershell to run on startup
## Save completion code to a script and execute in the profile
kubectl completion powershell > $HOME\\.kube\\completion.ps1
Add-Content $PROFILE "$HOME\\.kube\\completion.ps1"
## Execute completion code in the profile
Add-Content $PROFILE "if (Get-Command kubectl -ErrorAction SilentlyContinue) {
kubectl completion powershell | Out-String | Invoke-Expression
}"
## Add completion code directly to the $PROFILE script
kubectl completion powershell >> $PROFILE`,
    use: 'SHELL [options]',
  },
  flags: [],
  discovery: 'none',
  run: runCompletion,
};

function runCompletion(inv: Invocation): number {
  const hint = "\nSee 'kubectl completion -h' for help and examples";
  if (inv.args.length === 0) throw new KubectlError(`error: Shell not specified.${hint}`);
  if (inv.args.length > 1) throw new KubectlError(`error: Too many arguments. Expected only the shell type.${hint}`);
  const script = SCRIPTS[inv.args[0]!];
  if (!script) throw new KubectlError(`error: Unsupported shell type "${inv.args[0]}".${hint}`);
  inv.out.write(script);
  return 0;
}
