@testable import Scheduler
import Testing

/// A launch id is `<job>@<action>@<attempt>`: exactly three parts, any of them possibly empty.
@Suite struct LaunchIdTests {
    @Test func aLaunchIdSplitsIntoItsJobAndAction() {
        #expect(SchedulerServer.parse("0000001-oozie-W@extract-a@1")! == ("0000001-oozie-W", "extract-a"))
        #expect(SchedulerServer.parse("@@")! == ("", ""))
        #expect(SchedulerServer.parse("j@@2")! == ("j", ""))
    }

    @Test func anythingButThreePartsIsNotALaunchId() {
        for text in ["", "j", "j@a", "j@a@1@2", "@@@", "j@a@1@"] { #expect(SchedulerServer.parse(text) == nil, "\(text)") }
    }
}
