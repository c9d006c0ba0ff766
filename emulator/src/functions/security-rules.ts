/**
 * CloudBase function security rules (云函数安全规则): `{"*": {"invoke": <rule>}, "<name>": {"invoke": <rule>}}`.
 * They bind only calls from clients (the mini program's `wx.cloud.callFunction`); timers, payment and refund
 * callbacks, HTTP access and calls from other functions are never checked, as on the platform.
 *
 * A rule is `true`, `false` or an expression over `auth`. The emulator understands the expressions a rule for
 * functions can meaningfully hold here (`auth != null`, `auth.openid != null` and their `==` forms); anything
 * else is refused when the file is read, so a typo can never open a function.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Caller } from '../types';

/** The file name the emulator looks for in the functions folder, then beside cloudbaserc.json. */
export const FUNCTION_RULES_FILE = 'security-rules.json';

/** CloudBase's default when an environment has no function rules: any signed-in client may invoke. */
const DEFAULT_RULES = { '*': { invoke: 'auth != null' } };

type Rule = (caller: Caller) => boolean;

export interface FunctionRules {
  /** The file the rules came from, or undefined when the platform default applies. */
  readonly source: string | undefined;
  /** Whether a client call (source `wx_client`) may invoke `functionName`; every other source may. */
  allows(functionName: string, caller: Caller): boolean;
}

export class FunctionRulesError extends Error {}

/** An explicit path wins; else `CLOUDBASE_EMULATOR_FUNCTION_RULES`; else the file in the functions folder or beside cloudbaserc.json. */
export function findFunctionRulesFile(options: {
  explicit?: string;
  functionsDir: string;
  cloudbasercPath?: string;
}): string | undefined {
  if (options.explicit) return options.explicit;
  const fromEnv = process.env.CLOUDBASE_EMULATOR_FUNCTION_RULES;
  if (fromEnv) return fromEnv;
  const candidates = [path.join(options.functionsDir, FUNCTION_RULES_FILE)];
  if (options.cloudbasercPath) candidates.push(path.join(path.dirname(options.cloudbasercPath), FUNCTION_RULES_FILE));
  return candidates.find((file) => existsSync(file));
}

export function loadFunctionRules(file: string | undefined): FunctionRules {
  if (file !== undefined && !existsSync(file))
    throw new FunctionRulesError(`function security rules file not found: ${file}`);
  const raw: unknown = file === undefined ? DEFAULT_RULES : JSON.parse(readFileSync(file, 'utf8'));
  return compileFunctionRules(raw, file);
}

export function compileFunctionRules(raw: unknown, source?: string): FunctionRules {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FunctionRulesError(
      `${source ?? 'function rules'}: expected {"*": {"invoke": ...}, "<function>": {"invoke": ...}}`,
    );
  }
  const rules = new Map<string, Rule>();
  for (const [name, entry] of Object.entries(raw)) {
    const invoke = (entry as { invoke?: unknown } | null)?.invoke;
    rules.set(name, compileRule(invoke, `${source ?? 'function rules'}: ${name}.invoke`));
  }
  // A function no entry names falls back to "*"; without "*" either, CloudBase's default applies.
  const fallback = rules.get('*') ?? compileRule(DEFAULT_RULES['*'].invoke, 'default');
  return {
    source,
    allows(functionName, caller) {
      if (caller.source !== 'wx_client') return true;
      return (rules.get(functionName) ?? fallback)(caller);
    },
  };
}

const signedIn = (caller: Caller) => typeof caller.openid === 'string' && caller.openid !== '';

function compileRule(invoke: unknown, where: string): Rule {
  if (invoke === true || invoke === 'true') return () => true;
  if (invoke === false || invoke === 'false') return () => false;
  if (typeof invoke === 'string') {
    const compact = invoke.replace(/\s+/g, '');
    if (compact === 'auth!=null' || compact === 'auth.openid!=null') return signedIn;
    if (compact === 'auth==null' || compact === 'auth.openid==null') return (caller) => !signedIn(caller);
  }
  throw new FunctionRulesError(
    `${where}: unsupported rule ${JSON.stringify(invoke)} (use true, false or "auth != null")`,
  );
}
