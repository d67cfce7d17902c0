// `delib <command>`: the command line of Délib (SPEC §7). Each command is a small module.
import { commands, usage } from './commands.js';
import { journalKeyring } from '../db/repositories/journal-keys.js';

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`delib : commande inconnue « ${name} »\n\n${usage()}`);
    return 2;
  }
  try {
    journalKeyring(); // a malformed DELIB_JOURNAL_KEY stops every command at once, the variable named
    const cmd = await entry.load();
    return await cmd.run(rest);
  } catch (e) {
    process.stderr.write(`delib ${name} : ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.DELIB_DEBUG) console.error(e);
    return 1;
  }
}
