import TowerwatchCore

/// What the simulator has planned to look at, and when: a min-heap of tasks by
/// time, ties broken by the order they were planned, so a run is repeatable.
struct Agenda {
    struct Entry {
        var time: Timestamp
        var order: UInt64
        var task: SimulationTask

        @inline(__always) func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : order < other.order
        }
    }

    private var heap: [Entry] = []
    private var planned: UInt64 = 0

    var nextTime: Timestamp? { heap.first?.time }
    var count: Int { heap.count }

    mutating func add(_ task: SimulationTask, at time: Timestamp) {
        planned &+= 1
        heap.append(Entry(time: time, order: planned, task: task))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the earliest task due at or before `now`.
    mutating func popDue(_ now: Timestamp) -> SimulationTask? {
        guard let first = heap.first, first.time <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && heap[l].precedes(heap[m]) { m = l }
                if r < n && heap[r].precedes(heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return first.task
    }
}

/// One thing the simulator will look at when its time comes. Each task checks
/// the district's state then, so a plan made earlier never issues a command
/// that no longer makes sense (a dispatch withdrawn meanwhile, a guard gone home).
enum SimulationTask {
    /// The first look at the district: shifts, rosters, what is already open.
    case begin
    /// Twelve minutes before a shift: plan who comes on and who goes home.
    case shiftPrepare(slot: Int64)
    /// The shift's start: the duty officer ends the old shift and starts the new one.
    case shiftBegin(slot: Int64)
    case goOnDuty(guard: Int)
    case goOffDuty(guard: Int)
    /// A guard's next checkpoint on the patrol route.
    case patrol(guard: Int)
    /// A possible hazard of this category (a Poisson process thinned by time of day).
    case hazardCandidate(HazardCategory)
    /// A hazard the lively configuration reports right away, so a new console has something to show.
    case openingHazard
    case bulletin
    /// The duty officer looks at one open hazard: dispatch, chase, reassign, escalate or close.
    case officerCheck(HazardID)
    /// The assigned guard's next move on one dispatch: acknowledge, arrive, clear (or decline).
    case guardStep(DispatchID)
}
