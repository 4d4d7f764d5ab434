// swift-tools-version: 6.0
// Nines: a deterministic discrete-event simulator for high-availability clusters.
// Layers (arrows point down only): nines → Scenarios → {Scheduler (→ CLibXML2) → Coordination → Simulation, Orchestration → Simulation, Reliability → CGSL}.
import PackageDescription

/// Swift 6.3's EarlyCodeMotion pass sinks a store below a load of the struct that holds the stored
/// field, so the load reads the field's old value: a loop that merged cycle statistics into a local
/// struct and could `return nil` read back `visits = 0`, and every release report said "no outages
/// observed". The pass is off in every module's release build until a toolchain without the bug;
/// `.ci/miscompile/check.sh` (run by CI) shows the bug and that this flag avoids it.
let avoidMiscompile: [SwiftSetting] = [
    .unsafeFlags(["-Xllvm", "-sil-disable-pass=early-codemotion"], .when(configuration: .release)),
]

/// Runtime exclusivity checks cost 20–36% on the event loop (measured, see docs/style.md); the kernel's
/// single-threaded design makes them redundant in release builds.
let releaseSpeed: [SwiftSetting] = avoidMiscompile + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Nines",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nines", targets: ["nines"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Reliability", targets: ["Reliability"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL", pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(name: "Simulation", swiftSettings: releaseSpeed),
        .target(name: "Reliability", dependencies: ["CGSL"], swiftSettings: avoidMiscompile),
        .target(name: "Coordination", dependencies: ["Simulation"], swiftSettings: releaseSpeed),
        .target(name: "Scheduler", dependencies: ["Coordination", "Simulation", "CLibXML2"], swiftSettings: releaseSpeed),
        .target(name: "Orchestration", dependencies: ["Simulation"], swiftSettings: releaseSpeed),
        .target(
            name: "Scenarios", dependencies: ["Scheduler", "Orchestration", "Coordination", "Simulation", "Reliability"],
            swiftSettings: avoidMiscompile),
        .executableTarget(
            name: "nines",
            dependencies: ["Scenarios", "Scheduler", "Simulation", "Reliability", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: releaseSpeed),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        .testTarget(name: "CLITests", dependencies: ["nines"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Scheduler", "Coordination", "Simulation", "Reliability"]),
        .testTarget(name: "CoordinationTests", dependencies: ["Coordination", "Simulation"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["Reliability"]),
        .testTarget(name: "OrchestrationTests", dependencies: ["Orchestration", "Simulation"]),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "Coordination", "Simulation"]),
    ]
)
