import Glibc

@_cdecl("airops_string_free")
public func airops_string_free(_ string: UnsafeMutablePointer<CChar>?) {
    free(string)
}
