#!/usr/bin/env node
// Identifies the demo user, streams an app (its chunks as they arrive), then chats with an
// agent for two turns in one session.
//
//     python3 tests/with_dev_server.py -- node examples/node/demo.js [NAME]
//
// The identity comes from the variables the dev server prints; AIROPS_HOST and the realtime
// endpoint come from the environment as well (loadEnvironment, on by default).
'use strict';

const { AirOps, AirOpsError } = require('../../bindings/node');

/** Prints one chat turn as it streams: tool calls, then the reply token by token. */
async function chatTurn(client, message, sessionId) {
  console.log(`> ${message}`);
  const turn = await client.chat('demo-agent', message, { sessionId });
  for await (const event of turn) {
    if (event.type === 'agent-action') console.log(`  [tool ${event.tool} ${JSON.stringify(event.toolInput)}]`);
    if (event.type === 'agent-action-error') console.log(`  [tool ${event.tool} failed: ${event.toolError}]`);
    if (event.type === 'agent-response') process.stdout.write(event.token);
  }
  process.stdout.write('\n');
  turn.close();
  return turn.sessionId;
}

async function main(name) {
  const { AIROPS_USER_ID: userId, AIROPS_WORKSPACE_ID: workspaceId, AIROPS_HASHED_USER_ID: hashedUserId } = process.env;
  if (!userId || !workspaceId || !hashedUserId) {
    console.error('demo.js: set the AIROPS_* variables the dev server prints (see tests/with_dev_server.py)');
    return 2;
  }
  const client = AirOps.identify({ userId, workspaceId, hashedUserId });
  try {
    const execution = await client.stream('hello-world', { name });
    for await (const event of execution) {
      if (event.type === 'chunk') console.log(`chunk: ${JSON.stringify(event.content)}`);
    }
    console.log(`result: ${(await execution.wait({ timeout: 60000 })).output}`);
    execution.close();

    const sessionId = await chatTurn(client, `Hello, my name is ${name}`);
    await chatTurn(client, 'What is the weather like?', sessionId);
    return 0;
  } finally {
    await client.close();
  }
}

main(process.argv[2] ?? 'Ada').then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(`demo.js: ${error instanceof AirOpsError ? `${error.code}: ${error.message}` : error.stack}`);
  process.exitCode = 1;
});
