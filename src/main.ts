// Entry point placeholder: replaced by the CLI as the cluster core lands.
process.stdout.write('kubedrill: the simulated cluster is being built.\n');
