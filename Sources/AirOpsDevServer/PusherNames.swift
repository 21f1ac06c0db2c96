import AirOps

/// The names and signatures of the Pusher protocol (pusher-channels.md §5, §6).
enum PusherNames {
    static let maxChannelLength = 200

    /// `^[-a-zA-Z0-9_=@,.;]+$`, at most 200 characters (the official server libraries' limit).
    static func isValidChannel(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=@,.;".utf8)
        return !name.isEmpty && name.utf8.count <= maxChannelLength && name.utf8.allSatisfy(allowed.contains)
    }

    /// `^\d+\.\d+$`
    static func isValidSocketId(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
    }

    static func isPrivate(_ channel: String) -> Bool { channel.hasPrefix("private-") }

    static func isPresence(_ channel: String) -> Bool { channel.hasPrefix("presence-") }

    /// A fresh socket id, two random numbers as Pusher and soketi make them.
    static func newSocketId() -> String {
        "\(UInt64.random(in: 1...9_999_999_999)).\(UInt64.random(in: 1...9_999_999_999))"
    }

    /// The hex HMAC-SHA256 that authorizes `socketId` on private channel `channel`.
    static func channelSignature(secret: String, socketId: String, channel: String) -> String {
        hmacSHA256Hex(key: Array(secret.utf8), message: Array("\(socketId):\(channel)".utf8))
    }
}
