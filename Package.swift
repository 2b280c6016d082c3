// swift-tools-version: 6.1
import PackageDescription

/// Every Swift target opts into the same strictness: nothing leaks through an import by
/// accident, and existential types are spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

extension Target.Dependency {
    static let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
    static let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
    static let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
    static let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
    static let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
    static let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
    static let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
    static let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
    static let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
    static let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
    static let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
    static let toml = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")
    static let yams = Target.Dependency.product(name: "Yams", package: "Yams")
    static let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")
    static let consoleKitTerminal = Target.Dependency.product(name: "ConsoleKitTerminal", package: "console-kit")
}

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
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/console-kit", from: "4.16.2"),
    ],
    targets: [
        // Lua 5.4 from Debian (liblua5.4-dev) and the C shims over its macros.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        // The sandboxed Lua runtime the rules run in.
        .target(name: "LuaHost", dependencies: ["CLua", "CLuaShim"], swiftSettings: swiftSettings),

        // BaseLinker's data as it travels: JSON, lenient field reading, the records and errors.
        .target(name: "BaseLinkerModels", swiftSettings: swiftSettings),
        // The API client: transport, envelope, rate limit, retries, paging.
        .target(
            name: "BaseLinker",
            dependencies: ["BaseLinkerModels", .asyncHTTPClient, .nioCore, .nioHTTP1, .nioPosix, .logging],
            swiftSettings: swiftSettings
        ),
        // A local BaseLinker over a seeded account; it speaks the protocol, it does not use the client.
        .target(
            name: "BaseLinkerSandbox",
            dependencies: [
                "BaseLinkerModels", .hummingbird, .httpTypes, .logging, .nioCore, .serviceLifecycle, .unixSignals,
            ],
            swiftSettings: swiftSettings
        ),

        // libharu from Debian (libhpdf-dev); it ships no pkg-config file.
        .systemLibrary(name: "CHaru", providers: [.apt(["libhpdf-dev"])]),
        // The invoicing and warehouse store: schema, records, numbering, stock, outbox, printouts.
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .target(name: "FirminoStore", dependencies: ["CHaru", "CHarfBuzz", .grdb], swiftSettings: swiftSettings),

        // firmlink.toml: parsing, validation, errors that name the file, line and key.
        .target(name: "Config", dependencies: ["FirminoStore", .toml], swiftSettings: swiftSettings),

        // The modules of a sync (orders; products and warehouses), the rule hooks, the outbox.
        .target(
            name: "Sync",
            dependencies: ["Config", "LuaHost", "BaseLinker", "BaseLinkerModels", "FirminoStore", .logging],
            resources: [.embedInCode("Rules/default.lua")],
            swiftSettings: swiftSettings
        ),
        // Rule cases and explanations: rules decided against fixture stores, without BaseLinker.
        .target(
            name: "RuleTesting",
            dependencies: ["Sync", "Config", "LuaHost", "BaseLinkerModels", "FirminoStore", .yams],
            // What `rules init` writes: a rules.lua, example cases and the editor's definitions.
            resources: [
                .embedInCode("Starter/rules.lua"), .embedInCode("Starter/document_type.yaml"),
                .embedInCode("Starter/linking.yaml"), .embedInCode("Starter/firmlink.lua"),
                .embedInCode("Starter/luarc.json"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "firmlink",
            dependencies: [
                "Config", "Sync", "RuleTesting", "LuaHost", "BaseLinker", "BaseLinkerModels", "BaseLinkerSandbox",
                "FirminoStore", .argumentParser, .logging, .consoleKitTerminal,
            ],
            swiftSettings: swiftSettings
        ),

        // Release-build benchmarks: `swift run -c release firmlink-bench`.
        .executableTarget(
            name: "firmlink-bench",
            dependencies: ["LuaHost", "FirminoStore"],
            path: "Benchmarks/firmlink-bench",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BaseLinkerTests",
            dependencies: ["BaseLinker", "BaseLinkerModels", "BaseLinkerSandbox", .logging],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaseLinkerSandboxTests",
            dependencies: ["BaseLinkerSandbox", "BaseLinker", "BaseLinkerModels", .asyncHTTPClient, .nioCore, .nioHTTP1],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FirminoStoreTests", dependencies: ["FirminoStore", .grdb, .propertyBased], swiftSettings: swiftSettings),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "FirminoStore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "RuleTesting", "Config", "LuaHost", "BaseLinker", "BaseLinkerModels", "BaseLinkerSandbox",
                "FirminoStore", .logging, .propertyBased,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FirmlinkCLITests",
            dependencies: ["BaseLinkerSandbox", "BaseLinkerModels", "FirminoStore"],
            swiftSettings: swiftSettings
        ),
    ]
)
