#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address literal, for the loopback check and NO_PROXY's CIDR ranges.
struct IPAddress: Sendable, Equatable {
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    let bytes: [UInt8]

    /// Nil unless `text` is an address literal (no brackets, no zone).
    init?(_ text: String) {
        if let bytes = Self.parse(text, family: AF_INET, size: 4) ?? Self.parse(text, family: AF_INET6, size: 16) {
            self.bytes = bytes
        } else {
            return nil
        }
    }

    var isLoopback: Bool {
        bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// Whether the first `prefixLength` bits equal those of `network`.
    func isIn(_ network: IPAddress, prefixLength: Int) -> Bool {
        guard bytes.count == network.bytes.count, (0...bytes.count * 8).contains(prefixLength) else { return false }
        for bit in 0..<prefixLength {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if bytes[bit / 8] & mask != network.bytes[bit / 8] & mask { return false }
        }
        return true
    }

    private static func parse(_ text: String, family: Int32, size: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: size)
        let parsed = buffer.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
        return parsed == 1 ? buffer : nil
    }
}
