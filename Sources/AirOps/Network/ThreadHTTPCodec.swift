#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// NIO's HTTP/1.1 client codec in an `EmbeddedChannel`, one per thread, for the exchanges
/// that run on the calling thread. An `EmbeddedChannel` belongs to the thread that made it,
/// and between two complete exchanges the codec holds no state, so a thread's exchanges share
/// one instead of building and tearing down a pipeline each time. A codec left in the middle
/// of an answer is replaced.
final class ThreadHTTPCodec {
    let channel = EmbeddedChannel()
    private var inUse = false

    private init() throws {
        // The headers are the library's own, checked where they come from (the identity on
        // input, ids as percent-encoded path segments): no second validation per request.
        try channel.pipeline.syncOperations.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
    }

    deinit {
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    /// Runs `body` with this thread's codec; `body` returns whether it left the codec clean
    /// (a whole answer read). A nested use on the same thread gets a codec of its own.
    static func withCodec<T>(_ body: (EmbeddedChannel) throws(ExchangeError) -> (T, clean: Bool)) throws(ExchangeError) -> T {
        let shared = current()
        let codec: ThreadHTTPCodec
        if let shared, !shared.inUse { codec = shared } else { codec = try make() }
        codec.inUse = true
        defer { codec.inUse = false }
        do {
            let (value, clean) = try body(codec.channel)
            if !clean, codec === shared { replace() }
            return value
        } catch {
            if codec === shared { replace() }
            throw error
        }
    }

    private static func make() throws(ExchangeError) -> ThreadHTTPCodec {
        do {
            return try ThreadHTTPCodec()
        } catch {
            throw .answer(AirOpsError(.internal, "the HTTP codec could not be set up (\(error))"))
        }
    }

    /// Released at thread exit, on that thread (the destructor of the key's value).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadHTTPCodec>.fromOpaque(pointer).release() }
        }
        return key
    }()

    private static func current() -> ThreadHTTPCodec? {
        if let pointer = pthread_getspecific(key) { return Unmanaged<ThreadHTTPCodec>.fromOpaque(pointer).takeUnretainedValue() }
        guard let codec = try? ThreadHTTPCodec() else { return nil }
        pthread_setspecific(key, Unmanaged.passRetained(codec).toOpaque())
        return codec
    }

    private static func replace() {
        if let pointer = pthread_getspecific(key) {
            pthread_setspecific(key, nil)
            Unmanaged<ThreadHTTPCodec>.fromOpaque(pointer).release()
        }
    }
}
