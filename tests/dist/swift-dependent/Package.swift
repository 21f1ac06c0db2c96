// swift-tools-version:6.0
import PackageDescription

// A package outside the tree that depends on libairops as users would: through a git URL and
// a version tag (tests/dist/test_swift_dependent.sh passes a file:// URL of a tagged clone).
guard let libairops = Context.environment["AIROPS_PACKAGE_URL"],
      let libairopsVersion = Context.environment["AIROPS_PACKAGE_VERSION"].flatMap(Version.init(_:))
else { fatalError("set AIROPS_PACKAGE_URL (a git URL of libairops) and AIROPS_PACKAGE_VERSION (its tag)") }

let package = Package(
    name: "airops-dependent",
    dependencies: [
        .package(url: libairops, exact: libairopsVersion)
    ],
    targets: [
        .executableTarget(
            name: "airops-dependent",
            dependencies: [.product(name: "AirOps", package: "libairops")]
        ),
        // The C library product: SwiftPM refuses a versioned dependency's product whose targets
        // carry unsafeFlags, so this target builds only if libairops's manifest has none.
        .executableTarget(
            name: "airops-dependent-c",
            dependencies: [.product(name: "airops", package: "libairops")]
        ),
    ]
)
