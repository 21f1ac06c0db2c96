import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// How the SDK talks to the network: the one place that decides it for every connection of a
/// client (API calls, realtime channel authorization, the realtime WebSocket).
/// - The identity headers go to the configured API origin only.
/// - Redirects are not followed, or (opt-in) only to the same origin: never elsewhere, so
///   never from https to http.
/// - Connections go through the proxy that the options or the environment name, unless
///   NO_PROXY lists the host.
/// - TLS is 1.2 or later, certificates always verified.
/// - Plain http:// with an identity goes to loopback only, unless the caller opts in; a ws://
///   realtime URL next to an https:// API is refused.
final class NetworkPolicy: Sendable {
    static let maxRedirects = 5

    let api: ServiceURL
    let realtime: ServiceURL?
    let apiProxy: ServiceURL?
    let realtimeProxy: ServiceURL?
    let redirects: RedirectPolicy
    let requestTimeout: Duration
    let tls: TLSConfiguration
    /// The headers of every API request but its content type, made once: adding a header
    /// validates it, which costs more per request than the rest of building it.
    private let apiHeaders: HTTPHeaders
    /// Made on first use and kept: loading trust roots is costly.
    private let tlsContextCache = Mutex<NIOSSLContext?>(nil)

    init(_ configuration: ClientConfiguration) throws(AirOpsError) {
        api = configuration.hostURL
        realtime = configuration.realtime?.address
        if configuration.identity != nil, api.scheme == .http, !api.origin.isLoopback, !configuration.allowsInsecureHTTP {
            throw AirOpsError(.invalidArgument,
                "host \(api.text) is plain HTTP to a host that is not loopback: the hashed user id would cross the network unencrypted. Use https://, or allow insecure HTTP explicitly (C: airops_options_allow_insecure_http, Python: allow_insecure_http=True, CLI: --allow-insecure-http)")
        }
        if let realtime, realtime.scheme == .ws, api.scheme == .https {
            throw AirOpsError(.invalidArgument,
                "realtime URL \(realtime.text) is unencrypted while the host \(api.text) uses TLS: use wss://")
        }
        let proxies = configuration.proxies
        apiProxy = proxies.proxy(for: api.origin)
        realtimeProxy = realtime.flatMap { proxies.proxy(for: $0.origin) }
        redirects = configuration.redirects
        requestTimeout = configuration.requestTimeout
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let caFile = configuration.caFile { tls.trustRoots = .file(caFile) }
        self.tls = tls
        var headers = HTTPHeaders()
        headers.add(name: "host", value: api.authority)
        headers.add(name: "accept", value: "application/json")
        headers.add(name: "user-agent", value: "libairops/\(sdkVersion)")
        for (name, value) in configuration.identity?.headers ?? [] { headers.add(name: name, value: value) }
        apiHeaders = headers
    }

    /// A request to the API: `path` below the host (e.g. `/sdk_api/...`), with the identity.
    func request(_ method: HTTPMethod, _ path: String, body: Data?, contentType: String) -> HTTPRequest {
        var headers = apiHeaders
        headers.add(name: "content-type", value: contentType)
        return HTTPRequest(method: method, origin: api.origin, target: api.path + path, headers: headers, body: body)
    }

    /// The request that follows a redirect answer, or the error that ends the call: nothing
    /// is sent to another origin, and without the opt-in nothing is sent again at all.
    func redirect(_ request: HTTPRequest, status: Int, location: String?, hops: Int) throws(AirOpsError) -> HTTPRequest {
        let what = "\(request.summary): the server redirected (HTTP \(status))"
        guard let location, let target = RedirectTarget(location: location, from: request.origin, requestTarget: request.target) else {
            throw AirOpsError(.redirect, "\(what) without a usable http(s) Location", httpStatus: status)
        }
        guard redirects == .sameOrigin else {
            throw AirOpsError(.redirect,
                "\(what) to \(target.shown); redirects are not followed (allow same-origin redirects to follow those to the same server)",
                httpStatus: status)
        }
        guard target.origin == request.origin else {
            throw AirOpsError(.redirect,
                "\(what) to \(target.shown), another origin than \(request.origin.scheme.rawValue)://\(request.origin.authority): not followed, so that the identity stays with the configured host",
                httpStatus: status)
        }
        guard hops < Self.maxRedirects else {
            throw AirOpsError(.redirect, "\(what) more than \(Self.maxRedirects) times in a row", httpStatus: status)
        }
        var next = request
        next.target = target.target
        if status == 303 || ((status == 301 || status == 302) && request.method == .POST) {
            next.method = .GET
            next.body = nil
            next.headers.remove(name: "content-type")
        }
        return next
    }

    /// The TLS context of connections this library drives itself (the realtime WebSocket).
    func tlsContext() throws(AirOpsError) -> NIOSSLContext {
        try tlsContextCache.withLock { (cache) throws(AirOpsError) -> NIOSSLContext in
            if let cache { return cache }
            do {
                let context = try NIOSSLContext(configuration: tls)
                cache = context
                return context
            } catch {
                throw AirOpsError(.network, "the TLS settings cannot be used: \(error)")
            }
        }
    }

    /// The `Proxy-Authorization` value for a proxy URL with credentials.
    static func proxyAuthorization(_ proxy: ServiceURL) -> String? {
        guard let user = proxy.user else { return nil }
        return "Basic " + Data("\(user):\(proxy.password ?? "")".utf8).base64EncodedString()
    }
}
