'use strict';
// Native handles are freed by close(); these are the safety nets. A client or execution that
// becomes unreachable without close() is closed by a FinalizationRegistry, and clients still
// open when the process exits are freed then, before the library's threads could call into a
// torn-down environment (airops.h: free every client before the process exits).

/** Open clients (their internal state, which does not reach the public object). */
const openClients = new Set();

const clients = new FinalizationRegistry((state) => state.close());
const executions = new FinalizationRegistry((state) => state.close());

function trackClient(client, state) {
  openClients.add(state);
  clients.register(client, state, state);
}

function untrackClient(state) {
  openClients.delete(state);
  clients.unregister(state);
}

function trackExecution(execution, state) {
  executions.register(execution, state, state);
}

function untrackExecution(state) {
  executions.unregister(state);
}

/** How many clients and executions are open (for the tests' leak checks). */
function openCounts() {
  let open = 0;
  for (const state of openClients) open += state.executions.size;
  return { clients: openClients.size, executions: open };
}

process.on('exit', () => {
  for (const state of openClients) state.closeNow();
});

module.exports = { trackClient, untrackClient, trackExecution, untrackExecution, openCounts };
