// swift-tools-version: 6.1
import PackageDescription

/// Every Swift target opts into the same strictness: nothing leaks through an import by
/// accident, and existential types are spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Firmlink",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "firmlink", targets: ["firmlink"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Lua 5.4 from Debian (liblua5.4-dev) and the C shims over its macros.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(
            name: "LuaHost",
            dependencies: ["CLua", "CLuaShim"],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "BaseLinker",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BaseLinkerSandbox",
            dependencies: [
                "BaseLinker",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // libharu from Debian (libhpdf-dev); it ships no pkg-config file.
        .systemLibrary(name: "CHaru", providers: [.apt(["libhpdf-dev"])]),
        .target(
            name: "FirminoStore",
            dependencies: [
                "CHaru",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // firmlink.toml: parsing, validation, errors that name the file, line and key.
        .target(
            name: "Config",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: swiftSettings
        ),

        // Orders, products and warehouses sync: the rule hooks, plans, outbox, summaries.
        .target(
            name: "Sync",
            dependencies: [
                "Config", "LuaHost", "BaseLinker", "FirminoStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "firmlink",
            dependencies: [
                "Config", "Sync", "LuaHost", "BaseLinker", "BaseLinkerSandbox", "FirminoStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Release-build benchmarks: `swift run -c release firmlink-bench`.
        .executableTarget(
            name: "firmlink-bench",
            dependencies: ["LuaHost"],
            path: "Benchmarks/firmlink-bench",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BaseLinkerTests",
            dependencies: ["BaseLinker", "BaseLinkerSandbox"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaseLinkerSandboxTests",
            dependencies: [
                "BaseLinkerSandbox", "BaseLinker",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FirminoStoreTests",
            dependencies: [
                "FirminoStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ConfigTests", dependencies: ["Config"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SyncTests",
            dependencies: ["Sync", "Config", "LuaHost", "BaseLinker", "BaseLinkerSandbox", "FirminoStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FirmlinkCLITests",
            dependencies: ["BaseLinkerSandbox", "BaseLinker", "FirminoStore"],
            swiftSettings: swiftSettings
        ),
    ]
)
