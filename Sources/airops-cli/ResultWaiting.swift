import AirOps

/// Waits for an execution's final record behind a spinner. For a streamed execution, `show`
/// prints its events meanwhile; what went to stdout comes back with the record.
func finalRecord(
    of execution: Execution, timeout: Duration?, waiting label: String, show: EventPrinter? = nil
) async throws -> (record: ExecutionRecord, streamed: StreamedText) {
    let spinner = Spinner.start(label)
    defer { spinner.stop() }
    guard let show, let events = execution.events else {
        return (try await result(of: execution, timeout: timeout), StreamedText())
    }
    async let streamed = printEvents(events, show: show, spinner: spinner)
    do {
        // The final record also ends the events.
        let record = try await result(of: execution, timeout: timeout)
        return (record, await streamed)
    } catch {
        execution.stopUpdates()
        var streamed = await streamed
        streamed.abandon()
        throw error
    }
}

private func printEvents(_ events: AsyncStream<ExecutionEvent>, show: EventPrinter, spinner: Spinner) async -> StreamedText {
    var text = StreamedText()
    for await event in events {
        spinner.stop()
        show(event, &text)
    }
    return text
}

/// The core's result, with a hint on a timeout: the execution goes on and can be waited for.
private func result(of execution: Execution, timeout: Duration?) async throws -> ExecutionRecord {
    do throws(AirOpsError) {
        return try await execution.result(timeout: timeout)
    } catch {
        guard error.kind == .timeout else { throw error }
        throw CommandFailure(.timeout, "\(error.message); it goes on: 'airops result \(execution.id) --wait' waits for it")
    }
}
