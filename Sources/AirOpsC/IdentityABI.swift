import AirOps
import CAirOpsABI

@_cdecl("airops_hash_user_id")
public func airops_hash_user_id(
    _ apiKey: UnsafePointer<CChar>?, _ userId: UnsafePointer<CChar>?,
    _ outHex: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(outHex, "out_hex")
        let hex = try hashUserId(apiKey: try bytes(apiKey, "api_key"), userId: try bytes(userId, "user_id"))
        out.pointee = ownedCString(hex)
    }
}
