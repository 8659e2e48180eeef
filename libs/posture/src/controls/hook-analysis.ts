/**
 * NB-8 by what a hook does, not by the words in it: which files the hook unpacks, which script it runs, and
 * what that script runs at its top level (outside function bodies and heredocs). The notebook layer generates
 * hooks that unpack the scripts of packages/notebook/lifecycle with quoted heredocs and run the main one; a
 * hand-written hook is its own main script.
 */

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/;
const UNPACK = /^cat\s+>\s*"?\$\{?\w+\}?\/([\w.-]+)"?\s+<<-?\s*(['"]?)([A-Za-z_]\w*)\2\s*$/;
const RUN = /^(?:bash|sh|source|\.)\s+"?\$\{?\w+\}?\/([\w.-]+)"?/;
const FUNCTION = /^(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{?\s*$/;

export interface Script {
  /** Commands at the top level, in order. */
  readonly top: readonly string[];
  /** Function name -> the lines of its body. */
  readonly functions: ReadonlyMap<string, readonly string[]>;
}

/** Splits a script into its top-level commands and its functions; heredoc bodies belong to neither. */
export function parseScript(text: string): Script {
  const lines = text.split('\n');
  const top: string[] = [];
  const functions = new Map<string, string[]>();
  let fn: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const start = FUNCTION.exec(line);
    if (!fn && start?.[1]) {
      fn = start[1];
      functions.set(fn, []);
      continue;
    }
    if (fn && raw.startsWith('}')) {
      fn = undefined;
      continue;
    }
    (fn ? functions.get(fn)! : top).push(line);
    const heredoc = HEREDOC.exec(line);
    if (heredoc?.[2]) while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== heredoc[2]) i += 1;
    if (heredoc?.[2]) i += 1;
  }
  return { top, functions };
}

export interface Hook {
  /** Files the hook unpacks, by base name. */
  readonly files: ReadonlyMap<string, string>;
  /** The script the hook runs: an unpacked file, or the hook itself. */
  readonly main: string;
}

export function unpackHook(text: string): Hook {
  const lines = text.split('\n');
  const files = new Map<string, string>();
  let main: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    const unpack = UNPACK.exec(line);
    if (unpack?.[1] && unpack[3]) {
      const body: string[] = [];
      while (i + 1 < lines.length && lines[i + 1] !== unpack[3]) body.push(lines[(i += 1)] ?? '');
      i += 1;
      files.set(unpack[1], body.join('\n'));
      continue;
    }
    const run = RUN.exec(line);
    if (run?.[1] && files.has(run[1])) main = files.get(run[1]);
  }
  return { files, main: main ?? text };
}

const OPENS = /^(if|for|while|until|case|select)\b/;
const CLOSES = /^(fi|done|esac)\b/;
const GUARDED = /&&|\|\|/;

/**
 * The top-level commands that always run, in order: outside any if/for/while/case block (one-line blocks
 * included) and not behind `&&` or `||`. A command behind a test of a variable nobody sets never runs.
 */
export function unconditional(script: Script): string[] {
  let depth = 0;
  const always: string[] = [];
  for (const line of script.top) {
    if (depth === 0 && !OPENS.test(line) && !CLOSES.test(line) && !GUARDED.test(line)) always.push(line);
    if (OPENS.test(line) && !/\b(fi|done|esac)\s*;?\s*$/.test(line)) depth += 1;
    else if (CLOSES.test(line)) depth = Math.max(0, depth - 1);
  }
  return always;
}

/** `exit` (or `exit N`) as a command of its own: the script ends there. */
const EXITS = /^exit(\s+\d+)?\s*;?\s*$/;

/** Whether a script reaches a line that stops the instance: it runs unconditionally before any `exit`. */
function stopsTheInstance(content: string): boolean {
  const script = parseScript(content);
  const always = unconditional(script);
  const firstExit = always.findIndex((l) => EXITS.test(l));
  const stop = script.top.findIndex((l) => STOPS_INSTANCE.test(l));
  if (stop < 0) return false;
  return firstExit < 0 || script.top.indexOf(always[firstExit]!) > stop;
}

/** Stopping the instance through the SageMaker API: the CLI, boto3 or the raw action. */
export const STOPS_INSTANCE = /stop-notebook-instance|stop_notebook_instance|StopNotebookInstance/;
/** A command that installs a periodic job: cron, or a systemd timer. */
const SCHEDULES = /\bcrontab\b|systemctl\s+(enable|start)\b.*\.timer|OnUnitActiveSec=|OnCalendar=/;

/** Whether a top-level line of `main` schedules `file` (directly, or through a function of `main` that schedules). */
function schedules(script: Script, file: string): boolean {
  const names = (line: string) => line.includes(file);
  return unconditional(script).some((line) => {
    if (!names(line)) return false;
    if (SCHEDULES.test(line)) return true;
    const called = line.split(/\s+/)[0] ?? '';
    const body = script.functions.get(called);
    return !!body && body.some((l) => SCHEDULES.test(l));
  });
}

/**
 * The unpacked files that stop the instance at their top level (no unconditional `exit` before the stop) and
 * that the main script schedules unconditionally (not inside an if, not behind `&&`): what makes an idle
 * instance stop. Empty means nothing ever stops it (the stopper is never scheduled, or never stops).
 */
export function scheduledStoppers(hook: Hook): string[] {
  const main = parseScript(hook.main);
  return [...hook.files.entries()]
    .filter(([, content]) => stopsTheInstance(content))
    .map(([name]) => name)
    .filter((name) => schedules(main, name));
}
