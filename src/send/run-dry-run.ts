import { isAbsolute, relative } from 'node:path';
import type { Deps } from '../deps.js';
import { ExitCode } from '../errors.js';
import { createColors } from '../output/colors.js';
import type { CurlRequest } from '../output/curl-command.js';
import { formatDryRunJson, formatDryRunRequest } from '../output/send-dry-run.js';
import { formatSendJson } from '../output/send-json.js';
import { formatSendResult } from '../output/send-report.js';
import { createRequestBuilder } from './build-request.js';
import { loadSigning } from './load-signing.js';
import { readPayloads } from './read-payloads.js';
import type { SendOptions } from './run-send.js';
import { payloadSource } from './send-batch.js';
import type { SendResult } from './send-result.js';

/**
 * `send --dry-run`: prints each request that would be sent (as text, JSON or a curl command),
 * signed as the first attempt would be; sends nothing. Exit 1 when an input is bad.
 */
export async function runDryRun(options: SendOptions, deps: Deps): Promise<ExitCode> {
  const colors = await createColors(deps.stdout, deps.env);
  const errColors = await createColors(deps.stderr, deps.env);
  let bad = 0;
  let count = 0;
  const formatCurl = options.curl ? (await import('../output/curl-command.js')).formatCurlCommand : undefined;
  const badInput = (input: string, message: string) => {
    bad += 1;
    const result: SendResult = { input, outcome: 'bad-input', maxAttempts: 1, message };
    deps.stdout.write(
      options.json ? formatSendJson(result) : `${formatSendResult(result, colors).join('\n')}\n`,
    );
  };
  const items = options.source
    ? payloadSource(options.source)
    : readPayloads(options.inputs, { cwd: deps.cwd, stdin: deps.stdin, maxBytes: options.maxFileBytes });
  const requests = createRequestBuilder(options);
  for await (const item of items) {
    if (item.kind === 'bad') {
      badInput(item.input, item.message);
      continue;
    }
    let request = requests.orReason(item);
    if (typeof request === 'string') {
      badInput(item.input, request);
      continue;
    }
    count += 1;
    if (options.sign) {
      const { createSigner } = await loadSigning();
      const signer = createSigner(request.headers, options.sign, {
        url: request.url,
        method: request.method,
      });
      request = { ...request, headers: signer.headersFor(request.body, Math.floor(deps.clock.now() / 1000)) };
    }
    if (formatCurl) {
      const curl: CurlRequest = {
        method: request.method,
        url: request.url,
        headers: request.headers,
      };
      if (item.file !== undefined && request.body === item.body)
        curl.bodyFile = shownPath(item.file, deps.cwd);
      else curl.body = request.body;
      deps.stdout.write(`${formatCurl(curl)}\n`);
    } else if (options.json) {
      deps.stdout.write(formatDryRunJson(item.input, request));
    } else {
      deps.stdout.write(`${formatDryRunRequest(item.input, request, colors).join('\n')}\n`);
    }
  }
  deps.stderr.write(
    `${errColors.dim(`dry run: ${count} request${count === 1 ? '' : 's'} not sent${bad ? `, ${bad} bad input${bad === 1 ? '' : 's'}` : ''}`)}\n`,
  );
  return bad ? ExitCode.checkFailed : ExitCode.ok;
}

/** A path as the user would type it in this directory: relative when inside it. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
