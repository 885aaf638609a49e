// swift-tools-version:6.1
import PackageDescription

// Benchmarks for towerwatch, kept out of the main package so that its build and
// CI never pull in the benchmark tooling (the way SwiftNIO keeps its benchmarks).
//
// Run them all (release build) from this folder:
//     swift package --allow-writing-to-package-directory benchmark
// See README.md for filters, the figures measured and what they are compared with.
let package = Package(
    name: "towerwatch-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "towerwatch", path: ".."),
        // Only the malloc interposer trait: the default traits also pull in a runtime
        // interposer that this machine's package mirror does not carry.
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TowerwatchBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "TowerwatchCore", package: "towerwatch"),
                .product(name: "TowerwatchLog", package: "towerwatch"),
                .product(name: "TowerwatchUI", package: "towerwatch"),
            ],
            path: "Benchmarks/TowerwatchBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v5)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
