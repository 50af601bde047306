/**
 * etcd's log lines as zap writes them: JSON for etcdctl (logutil.DefaultZapLoggerConfig, with
 * microsecond timestamps) and the console encoder etcdutl uses (tab-separated, RFC 3339 time,
 * fields as a JSON object). Field order is the order of the zap.Field arguments.
 */
import { zapMicroTime, zapRfc3339 } from '../format.js';

export type Fields = [string, string | number | boolean | string[]][];

export interface ZapEntry {
  level: 'info' | 'warn' | 'error' | 'fatal';
  at: number;
  logger?: string;
  caller: string;
  msg: string;
  fields?: Fields;
}

export function zapJson(e: ZapEntry): string {
  const head = `{"level":"${e.level}","ts":"${zapMicroTime(e.at)}",${e.logger ? `"logger":"${e.logger}",` : ''}"caller":"${e.caller}","msg":${JSON.stringify(e.msg)}`;
  const rest = (e.fields ?? []).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('');
  return `${head}${rest}}\n`;
}

export function zapConsole(e: ZapEntry): string {
  const fields = e.fields?.length ? `\t{${e.fields.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}` : '';
  return `${zapRfc3339(e.at)}\t${e.level}\t${e.caller}\t${e.msg}${fields}\n`;
}
