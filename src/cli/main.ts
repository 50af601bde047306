/**
 * kubedrill's command dispatcher. Commands load lazily, so that the headless ones never pay for
 * ink and React at start-up.
 */
import type { CliIO, Command } from './io.js';
import { UsageError } from './args.js';

export const USAGE = `kubedrill — a Kubernetes certification-exam simulator

Usage:
  kubedrill                               open the default practice exam (same as npm start)
  kubedrill exam EXAM|SCENARIO            a timed exam in the terminal UI
  kubedrill practice SCENARIO             untimed, with check, hint and solution
  kubedrill resume [ID]                   continue the last unfinished session (or the one named)
  kubedrill run [SCENARIO] [--script FILE | -c LINE]
                                          run command lines headless (stdin when neither is given)
  kubedrill grade SCENARIO --transcript FILE [--format text|json|junit] [--pass 66] [--seed N]
                                          replay a transcript in a fresh simulation and grade it
  kubedrill selftest [SCENARIO|EXAM...]   prove each answer key: solution 100 %, untouched 0 %
  kubedrill validate [FILES...]           check scenario, grader and exam files
  kubedrill list                          scenarios and exams on offer

Options for every command that loads scenarios:
  --dir DIR                               also load scenarios and graders from DIR (repeatable)
  KUBEDRILL_PATH=dir1:dir2                the same, from the environment
`;

const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands/list.js')).listCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  run: async () => (await import('./commands/run.js')).runCommand,
  grade: async () => (await import('./commands/grade.js')).gradeCommand,
  selftest: async () => (await import('./commands/selftest.js')).selftestCommand,
  exam: async () => (await import('./commands/exam.js')).examCommand,
  practice: async () => (await import('./commands/practice.js')).practiceCommand,
  resume: async () => (await import('./commands/resume.js')).resumeCommand,
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (name === 'version' || name === '--version') {
    io.stdout.write('kubedrill 0.1.0\n');
    return 0;
  }
  const load = COMMANDS[name ?? 'practice'];
  if (!load) {
    io.stderr.write(`kubedrill: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kubedrill ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export { COMMANDS };
