import FoundationEssentials
import Logging
import NIOHTTP1

/// Sends the SDK's HTTP requests as the ``NetworkPolicy`` says: retries as the
/// ``RetryPolicy`` allows, redirects as the policy allows, and every failure as an
/// ``AirOpsError``. A blocking call's request to a plain http:// API runs on the calling
/// thread (``CallerThreadHTTP``); every other request on the client's event loop
/// (``EventLoopHTTP``). Both carry the same requests, made by the policy.
final class HTTPTransport: Sendable {
    /// Answers larger than this are refused: a server that streams without end must not
    /// exhaust the host process's memory.
    static let maxResponseBytes = 32 << 20

    let policy: NetworkPolicy
    private let retryPolicy: RetryPolicy
    private let eventLoop: EventLoopHTTP
    private let callerThread: CallerThreadHTTP
    private let logger: Logger

    init(policy: NetworkPolicy, retryPolicy: RetryPolicy, logger: Logger) {
        self.policy = policy
        self.retryPolicy = retryPolicy
        self.logger = logger
        eventLoop = EventLoopHTTP(policy: policy)
        callerThread = CallerThreadHTTP(policy: policy)
    }

    func shutdown() async {
        callerThread.shutdown()
        await eventLoop.shutdown()
    }

    /// Sends `method path` (path below the host, e.g. `/sdk_api/...`) with an optional body
    /// (JSON unless said otherwise), retrying as the client's ``RetryPolicy`` allows for a
    /// request with this `effect`. Returns 2xx answers; throws the server's error for any other status.
    func send(
        _ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String = "application/json",
        effect: RetryPolicy.Effect = .idempotent
    ) async throws(AirOpsError) -> HTTPAnswer {
        var request = policy.request(method, path, body: body, contentType: contentType)
        var retry = 0
        var redirects = 0
        while true {
            let failure: RetryPolicy.Failure
            switch await attempt(request, effect: effect) {
            case .success(let answer) where (200..<300).contains(answer.status):
                return answer
            case .success(let answer) where [301, 302, 303, 307, 308].contains(answer.status):
                request = try policy.redirect(request, status: answer.status, location: answer.location, hops: redirects)
                redirects += 1
                logger.debug("HTTP \(request.summary): following a redirect (HTTP \(answer.status)) on the same origin")
                continue
            case .success(let answer):
                let error = AirOpsError.http(status: answer.status, message: errorMessage(in: answer))
                failure = RetryPolicy.Failure(error: error, mayHaveBeenSent: true, retryAfter: answer.retryAfter)
            case .failure(let failed):
                failure = failed
            }
            guard let pause = retryPolicy.delay(before: retry, after: failure, effect: effect) else {
                throw failure.error
            }
            logger.info("HTTP \(request.summary) failed (\(failure.error)); retry \(retry + 1) in \(pause.milliseconds) ms")
            do {
                try await Pause.sleep(for: pause)
            } catch {
                throw failure.error
            }
            retry += 1
        }
    }

    /// One exchange, whatever the answer's status.
    private func attempt(_ request: HTTPRequest, effect: RetryPolicy.Effect) async -> Result<HTTPAnswer, RetryPolicy.Failure> {
        let result: Result<HTTPAnswer, RetryPolicy.Failure>
        do throws(RetryPolicy.Failure) {
            let (idempotent, deadline) = (effect == .idempotent, ContinuousClock.now + policy.requestTimeout)
            if BlockingCall.isOnCallingThread, callerThread.carries(request) {
                result = .success(try callerThread.exchange(request, idempotent: idempotent, deadline: deadline))
            } else if ProcessFork.generation > 0 {
                result = .success(try await inForkedChild(request, idempotent: idempotent, deadline: deadline))
            } else {
                result = .success(try await eventLoop.exchange(request))
            }
        } catch {
            result = .failure(error)
        }
        if case .success(let answer) = result { logger.debug("HTTP \(request.summary) -> \(answer.status)") }
        return result
    }

    /// An exchange of a forked child that does not run on a calling thread. AsyncHTTPClient
    /// looks names up on libdispatch, which runs nothing in a forked child: the calling-thread
    /// engine runs on a pool thread instead.
    private func inForkedChild(
        _ request: HTTPRequest, idempotent: Bool, deadline: ContinuousClock.Instant
    ) async throws(RetryPolicy.Failure) -> HTTPAnswer {
        let callerThread = self.callerThread
        do {
            return try await EventLoops.offload(on: EventLoops.group.any()) {
                try callerThread.exchange(request, idempotent: idempotent, deadline: deadline)
            }.get()
        } catch let failure as RetryPolicy.Failure {
            throw failure
        } catch {
            throw RetryPolicy.Failure(error: AirOpsError(.internal, "\(request.summary): \(error)"), mayHaveBeenSent: false)
        }
    }

    /// The server's `{"error": "..."}` text, or a description of the status when the body has none.
    private func errorMessage(in answer: HTTPAnswer) -> String {
        if let message = ServerAnswer.errorText(answer.body) { return message }
        let reason = HTTPResponseStatus(statusCode: answer.status).reasonPhrase
        return reason.isEmpty ? "HTTP \(answer.status)" : reason
    }
}
