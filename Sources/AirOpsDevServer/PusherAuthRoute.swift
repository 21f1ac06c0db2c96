import AirOps
import FoundationEssentials
import Hummingbird

/// `POST /sdk_api/pusher/auth`: signs a private channel subscription for an identified user
/// (the same identity headers as private apps). pusher-js sends a form body,
/// `socket_id=1.2&channel_name=private-x`, with whatever Content-Type the page merged in
/// (even `application/x-www-form-urlencoded, application/json`), so the body is read as a
/// form unless it is a JSON object. Answers `{"auth": "<key>:<signature>"}`.
struct PusherAuthRoute: Sendable {
    static let maxBodySize = 1 << 16

    let settings: DevServerConfig.Realtime
    let identities: IdentityCheck

    func add(to router: Router<some RequestContext>) {
        router.post("sdk_api/pusher/auth") { request, _ in
            _ = try identities.requiredIdentity(in: request.headers)
            let fields = Self.fields(try await request.body.collect(upTo: Self.maxBodySize))
            guard let socketId = fields["socket_id"], PusherNames.isValidSocketId(socketId) else {
                throw APIError.badRequest("socket_id must look like 1234.5678")
            }
            guard let channel = fields["channel_name"], PusherNames.isValidChannel(channel) else {
                throw APIError.badRequest("channel_name is missing or not a valid channel name")
            }
            guard PusherNames.isPrivate(channel), !channel.hasPrefix("private-encrypted-") else {
                throw APIError.badRequest("Only private- channels are authorized here")
            }
            let signature = PusherNames.channelSignature(secret: settings.secret, socketId: socketId, channel: channel)
            return try jsonResponse(["auth": "\(settings.key):\(signature)"])
        }
    }

    /// The string fields of a JSON object body, else of a form body.
    private static func fields(_ body: ByteBuffer) -> [String: String] {
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        if case .object(let object)? = try? JSONValue.parse(text) {
            return object.compactMapValues { value in
                if case .string(let string) = value { return string }
                return nil
            }
        }
        var form = text[...]
        while form.first?.isWhitespace == true { form.removeFirst() }
        while form.last?.isWhitespace == true { form.removeLast() }
        return decodeForm(form)
    }
}
