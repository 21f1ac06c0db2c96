import NIOPosix

/// Reads stdin a line at a time on NIO's pool for blocking work: a user who takes their time
/// to type must not hold one of the few threads that run Swift concurrency.
enum LineReader {
    /// The next line without its newline; nil at end of input.
    static func next() async -> String? {
        (try? await NIOThreadPool.singleton.runIfActive { readLine() }) ?? nil
    }
}
