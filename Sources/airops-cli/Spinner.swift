import Synchronization

/// A spinner with the elapsed seconds on stderr while a command waits. It is drawn only when
/// stderr is a terminal, so that pipes and logs never see it.
final class Spinner: Sendable {
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    private let label: String
    /// Drawing and erasing happen under this lock, so that nothing is drawn after ``stop()``.
    private let isRunning: Mutex<Bool>

    private init(label: String, isRunning: Bool) {
        self.label = label
        self.isRunning = Mutex(isRunning)
    }

    static func start(_ label: String) -> Spinner {
        let isTerminal = StandardStream.error.isTerminal
        let spinner = Spinner(label: label, isRunning: isTerminal)
        if isTerminal { Task { await spinner.spin() } }
        return spinner
    }

    /// Erases the spinner; it does not come back.
    func stop() {
        isRunning.withLock { isRunning in
            if isRunning { StandardStream.error.write("\r\u{1B}[K") }
            isRunning = false
        }
    }

    private func spin() async {
        let clock = ContinuousClock()
        let start = clock.now
        for frame in 0... {
            let tenths = (clock.now - start) / .milliseconds(100)
            let line = "\r\(Self.frames[frame % Self.frames.count]) \(label) \(Int(tenths) / 10).\(Int(tenths) % 10)s"
            let drawn = isRunning.withLock { isRunning in
                if isRunning { StandardStream.error.write(line) }
                return isRunning
            }
            guard drawn else { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
