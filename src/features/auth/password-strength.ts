// Guessable passwords are refused (issue #14, item 14): zxcvbn-ts estimates how many guesses an
// attacker with the usual dictionaries (common passwords, French and English words, names, keyboard
// walks, dates, repeats, sequences) needs; below MIN_GUESSES the password is refused with its French
// advice. The dictionaries (≈ 2 MB) load once, at the first check.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/**
 * 10¹⁰ guesses: against the account hash (scrypt, ≈ 0,1 s of CPU each, ADR 0010) that is centuries
 * of one core; online, the login is rate limited. "123456789012" or "password1234" need ≈ 10⁴,
 * "Besancon2023!" ≈ 10⁸, a four-word passphrase ≈ 10¹⁵.
 */
export const MIN_GUESSES_LOG10 = 10;

/** Words of this application an attacker would try first. */
const CONTEXT_WORDS = ['delib', 'deliberation', 'délibération', 'jury', 'academie', 'académie', 'besancon', 'besançon', 'bts', 'examen', 'centre', 'secours'];

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary, userInputs: CONTEXT_WORDS },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
  return factory;
}

export const PASSWORD_GUESSABLE_MESSAGE = 'Ce mot de passe est trop facile à deviner : choisissez une phrase de passe de plusieurs mots, sans suite de chiffres ni mot de passe courant.';

/** The French reason a password is guessable, or null when it is strong enough. `userInputs`: login, name, scope of the account. */
export function guessablePasswordError(password: string, userInputs: readonly string[] = []): string | null {
  const result = zxcvbn().check(password, userInputs.filter((w) => w.length > 0).map((w) => w.toLowerCase()));
  if (Math.log10(result.guesses) >= MIN_GUESSES_LOG10) return null;
  const warning = result.feedback.warning;
  return warning ? `${PASSWORD_GUESSABLE_MESSAGE} (${warning.replace(/\.$/, '')}.)` : PASSWORD_GUESSABLE_MESSAGE;
}
