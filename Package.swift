// swift-tools-version:6.1
import PackageDescription

// The layout tells the architecture:
//   TowerwatchText      text for terminals: display width (grapheme clusters measured, cut, padded), the one sanitizer, UTF-8 checks (no dependencies)
//   TowerwatchCore      pure domain: commands, decide, evolve, queries (no I/O, no clock)
//   TowerwatchLog       the append-only log: record format, file store, following
//   CTowerwatchCodec    C: the codec's byte loops on the CPU's own instructions (CRC-32C, SSE field scan)
//   TowerwatchLogMemory an in-memory store beside the file store, for tests
//   TowerwatchPostgres  the same log in PostgreSQL (trait Postgres; empty without it)
//   CLibpq              the system library (libpq, PostgreSQL's C client), only with trait Postgres
//   TowerwatchDemo      the demo district and the simulator
//   TowerwatchUI        panes drawn into a grid of cells, keys, themes (no terminal)
//   CNcursesw           the system library (ncursesw, wide-character API)
//   TowerwatchTerminal  the only module that talks to ncurses
//   TowerwatchApp       the runtime glue that is neither UI nor terminal: the consoles' one runner, ingest,
//                       policy files, record JSON, report output, drill narration, replay's playback clock,
//                       simulate's history request, progress lines (standard error, a console's opening frame),
//                       shell completion of ids
//   towerwatch          the command line: parses arguments and calls the libraries
let package = Package(
    name: "towerwatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "towerwatch", targets: ["towerwatch"]),
        .library(name: "TowerwatchCore", targets: ["TowerwatchCore"]),
        .library(name: "TowerwatchLog", targets: ["TowerwatchLog"]),
        .library(name: "TowerwatchDemo", targets: ["TowerwatchDemo"]),
        // For Benchmarks/ (frame composition); the app itself links the target directly.
        .library(name: "TowerwatchUI", targets: ["TowerwatchUI"]),
    ],
    // PostgreSQL is opt-in: the default build and `swift test` need neither libpq nor a
    // database. `swift build --traits Postgres` adds the PostgreSQL store.
    traits: [
        .trait(name: "Postgres", description: "The PostgreSQL store (links Debian's libpq-dev)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "TowerwatchText"),
        .target(name: "TowerwatchCore", dependencies: ["TowerwatchText"]),
        .target(name: "CTowerwatchCodec"),
        .target(name: "TowerwatchLog", dependencies: ["TowerwatchText", "TowerwatchCore", "CTowerwatchCodec"]),
        .target(name: "TowerwatchLogMemory", dependencies: ["TowerwatchCore", "TowerwatchLog"]),
        .systemLibrary(name: "CLibpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "TowerwatchPostgres", dependencies: [
            "TowerwatchCore", "TowerwatchLog",
            .target(name: "CLibpq", condition: .when(traits: ["Postgres"])),
        ]),
        .target(name: "TowerwatchDemo", dependencies: ["TowerwatchCore", "TowerwatchLog", .product(name: "Yams", package: "Yams")]),
        .target(name: "TowerwatchUI", dependencies: ["TowerwatchText", "TowerwatchCore", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "TowerwatchTerminal", dependencies: ["CNcursesw", "TowerwatchUI"]),
        .target(name: "TowerwatchApp", dependencies: [
            "TowerwatchCore", "TowerwatchLog", "TowerwatchDemo", "TowerwatchUI", "TowerwatchPostgres", .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(
            name: "towerwatch",
            dependencies: [
                "TowerwatchText", "TowerwatchCore", "TowerwatchLog", "TowerwatchDemo", "TowerwatchUI", "TowerwatchTerminal", "TowerwatchApp", "TowerwatchPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "TowerwatchTextTests", dependencies: ["TowerwatchText"]),
        .testTarget(name: "TowerwatchCoreTests", dependencies: ["TowerwatchText", "TowerwatchCore"]),
        .testTarget(name: "TowerwatchLogTests", dependencies: ["TowerwatchText", "TowerwatchCore", "TowerwatchLog", "TowerwatchLogMemory", "TowerwatchDemo"]),
        .testTarget(name: "TowerwatchStoreContractTests", dependencies: [
            "TowerwatchCore", "TowerwatchLog", "TowerwatchLogMemory", "TowerwatchPostgres",
        ]),
        .testTarget(name: "TowerwatchPostgresTests", dependencies: ["TowerwatchCore", "TowerwatchLog", "TowerwatchPostgres"]),
        .testTarget(name: "TowerwatchUITests", dependencies: ["TowerwatchText", "TowerwatchCore", "TowerwatchUI", "TowerwatchDemo", "TowerwatchLog"]),
        .testTarget(name: "TowerwatchAppTests", dependencies: [
            "TowerwatchText", "TowerwatchCore", "TowerwatchLog", "TowerwatchLogMemory", "TowerwatchDemo", "TowerwatchUI", "TowerwatchApp",
        ]),
        .testTarget(name: "TowerwatchTerminalTests", dependencies: ["TowerwatchTerminal", "TowerwatchUI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TowerwatchText", "TowerwatchCore", "TowerwatchLog"]),
    ]
)
