from traymon.model import Status, worst


def test_scale_is_ordered_from_operational_to_major_outage() -> None:
    order = [
        Status.OPERATIONAL,
        Status.MAINTENANCE,
        Status.DEGRADED,
        Status.PARTIAL_OUTAGE,
        Status.MAJOR_OUTAGE,
    ]
    assert [s.severity for s in order] == sorted(s.severity for s in order)
    assert len({s.severity for s in order}) == len(order)


def test_worst_ignores_unknown_when_anything_is_known() -> None:
    assert worst([Status.UNKNOWN, Status.DEGRADED, Status.OPERATIONAL]) is Status.DEGRADED
    assert worst([Status.UNKNOWN, Status.OPERATIONAL]) is Status.OPERATIONAL


def test_worst_of_nothing_known_is_unknown() -> None:
    assert worst([]) is Status.UNKNOWN
    assert worst([Status.UNKNOWN, Status.UNKNOWN]) is Status.UNKNOWN


def test_every_state_has_words_and_a_wire_name() -> None:
    assert {s.value for s in Status} == {
        "operational",
        "maintenance",
        "degraded",
        "partial_outage",
        "major_outage",
        "unknown",
    }
    assert all(s.label for s in Status)
