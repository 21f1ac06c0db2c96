// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "libairops",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AirOps", targets: ["AirOps"]),
        .library(name: "airops", type: .dynamic, targets: ["AirOpsC"]),
        .executable(name: "airops-dev-server", targets: ["airops-dev-server"]),
        // Not "airops": that name is the C library's (libairops.so), and SwiftPM drops a second
        // product of the same name. The command calls itself `airops`; install it under that name.
        .executable(name: "airops-cli", targets: ["airops-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // The public header, imported into Swift so that the exported functions are checked
        // against the same enums and types that C callers see.
        .systemLibrary(name: "CAirOpsABI"),
        // Reaches the Swift runtime's global-executor hook, for forked children (ProcessFork).
        .target(name: "CAirOpsRuntime"),
        // What the server and the client send each other (JSON, records, events, Pusher frames),
        // with no dependency: the decoder fuzzer builds only this.
        .target(name: "AirOpsWire"),
        .target(
            name: "AirOps",
            dependencies: [
                "AirOpsWire",
                "CAirOpsRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The Makefile links libairops.so with its version script (exports.map) and SONAME: linker
        // flags here would be unsafeFlags, which SwiftPM refuses in packages depended on by version.
        .target(name: "AirOpsC", dependencies: ["AirOps", "CAirOpsABI"], exclude: ["exports.map"]),
        .target(
            name: "AirOpsDevServer",
            dependencies: [
                "AirOps",
                // Its MD5 comes from the BoringSSL in NIOSSL, as the core's HMAC does.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "airops-dev-server",
            dependencies: [
                "AirOpsDevServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command-line client: the Swift core only, no C ABI.
        .executableTarget(
            name: "airops-cli",
            dependencies: [
                "AirOps",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // libFuzzer target over the wire decoders (make test-fuzz builds it with
        // --sanitize=fuzzer, which supplies main; a plain build links a program that does nothing).
        .executableTarget(name: "AirOpsDecoderFuzz", dependencies: ["AirOpsWire"], path: "tests/fuzz/decoders"),
        .testTarget(name: "AirOpsTests", dependencies: ["AirOps", "AirOpsWire", "AirOpsDevServer"]),
        .testTarget(
            name: "AirOpsDevServerTests",
            dependencies: [
                "AirOpsDevServer", "AirOps",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "WSClient", package: "swift-websocket"),
            ]
        ),
    ]
)
