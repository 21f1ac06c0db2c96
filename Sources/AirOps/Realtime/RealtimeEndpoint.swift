/// Where the realtime (Pusher Channels protocol) connection goes: a WebSocket base URL and
/// the Pusher app key. Hosted Pusher is `wss://ws-{cluster}.pusher.com`; the dev server
/// prints its own (`AIROPS_REALTIME_URL`, `AIROPS_PUSHER_KEY`).
public struct RealtimeEndpoint: Sendable, Equatable {
    /// `ws://` or `wss://`, host, optional port and path prefix; no trailing slash.
    public let url: String
    public let key: String

    /// The parsed `url`.
    let address: ServiceURL

    public init(url: String, key: String) throws(AirOpsError) {
        address = try ServiceURL(url, "realtime URL", schemes: [.ws, .wss])
        guard !key.isEmpty, key.unicodeScalars.allSatisfy(Self.isKeyCharacter) else {
            throw AirOpsError(.invalidArgument, "Pusher key must be non-empty letters, digits, '-' or '_'")
        }
        self.url = address.text
        self.key = key
    }

    /// Hosted Pusher: `wss://ws-{cluster}.pusher.com`.
    public static func pusher(key: String, cluster: String) throws(AirOpsError) -> RealtimeEndpoint {
        guard !cluster.isEmpty, cluster.unicodeScalars.allSatisfy(isKeyCharacter) else {
            throw AirOpsError(.invalidArgument, "Pusher cluster must be non-empty letters, digits or '-' (e.g. \"mt1\")")
        }
        return try RealtimeEndpoint(url: "wss://ws-\(cluster).pusher.com", key: key)
    }

    /// The request target of the WebSocket upgrade (protocol v7, as pusher-js sends it).
    var connectTarget: String {
        "\(address.path)/app/\(key)?protocol=7&client=libairops&version=\(sdkVersion)&flash=false"
    }

    private static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
