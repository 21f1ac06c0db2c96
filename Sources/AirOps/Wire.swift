// The wire types (JSONValue, ExecutionRecord, ExecutionEvent, AirOpsError, ...) are part of
// this module's API: `import AirOps` brings them.
@_exported import AirOpsWire
