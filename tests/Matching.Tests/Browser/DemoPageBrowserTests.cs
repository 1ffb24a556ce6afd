using Matching.Tests.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Tests.Browser;

/// <summary>
/// The demo portal page in a real browser: Debian's chromium driven by Playwright, against the Api on real Kestrel (a
/// browser needs a TCP port). The page loads the demo corpus, saves a need and follows its shortlist; an offer saved
/// in a second tab appears in that shortlist over SSE, without a reload, and leaves when withdrawn. Keeps a screenshot.
/// </summary>
public sealed class DemoPageBrowserTests
{
    /// <summary>Debian's chromium (<c>apt-get install -y chromium</c>; .ci/run installs it): Playwright cannot download its own here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private const string NeedId = "browser-need";
    private const string OfferId = "browser-offer";

    /// <summary>The screenshot the test keeps, beside the test assembly: <c>tests/Matching.Tests/bin/Debug/net10.0/artifacts/demo-page.png</c>.</summary>
    public static readonly string Screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "demo-page.png");

    // The network here is closed: without these, chromium waits on refused connections of its own (updates, sync, QUIC).
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    // Playwright's expectations retry until they hold; they wait as long as the tests' other waits for background work.
    public DemoPageBrowserTests() => SetDefaultExpectTimeout((float)Wait.Deadline.TotalMilliseconds);

    [Fact]
    public async Task A_need_saved_on_the_page_sees_an_offer_from_another_tab_arrive_and_leave_over_sse()
    {
        Assert.True(File.Exists(Chromium), $"Debian's chromium is not at {Chromium}: apt-get install -y chromium (.ci/run installs it).");
        Directory.CreateDirectory(Path.GetDirectoryName(Screenshot)!);
        File.Delete(Screenshot); // a screenshot left by an earlier run must not pass for this one's

        await using var api = new KestrelApiFactory();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new() { BaseURL = api.Address, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Matching demo portal");

        await page.Locator("#load-demo").ClickAsync();
        await Expect(page.Locator("#demo-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"offers: \d+ accepted\. +needs: \d+ accepted\."));

        var needForm = page.Locator("#need-form");
        await needForm.GetByLabel("Id").FillAsync(NeedId);
        await needForm.GetByLabel("Title").FillAsync("Looking for a compact superconducting proton therapy cyclotron");
        await needForm.GetByLabel("Description").FillAsync("A cancer hospital needs a compact superconducting cyclotron for proton therapy with pencil beam scanning.");
        await needForm.GetByRole(AriaRole.Button, new() { Name = "Save the need" }).ClickAsync();
        await Expect(page.Locator("#need-status")).ToContainTextAsync($"Saved need {NeedId}");
        await Expect(page.Locator("#live")).ToContainTextAsync("live, updated"); // the stream's first frame: the current list

        var offerInShortlist = page.Locator($"#shortlist li[data-offer-id='{OfferId}']");
        await Expect(offerInShortlist).ToHaveCountAsync(0);

        // A second tab, as a provider would: the first one is not reloaded, so only a push can change its list.
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/");
        var offerForm = tab.Locator("#offer-form");
        await offerForm.GetByLabel("Id").FillAsync(OfferId);
        await offerForm.GetByLabel("Title").FillAsync("Compact superconducting cyclotron for proton therapy");
        await offerForm.GetByLabel("Description").FillAsync("A compact superconducting proton therapy cyclotron for cancer hospitals, with pencil beam scanning.");
        await offerForm.GetByLabel("Keywords").FillAsync("proton therapy, superconducting cyclotron, pencil beam scanning");
        await offerForm.GetByLabel("TRL").FillAsync("7");
        await offerForm.GetByRole(AriaRole.Button, new() { Name = "Save the offer" }).ClickAsync();
        await Expect(tab.Locator("#offer-status")).ToContainTextAsync($"Saved offer {OfferId}");

        await Expect(offerInShortlist).ToBeVisibleAsync();
        await Expect(offerInShortlist).ToContainTextAsync("Compact superconducting cyclotron for proton therapy");

        await page.ScreenshotAsync(new() { Path = Screenshot, FullPage = true });
        Assert.True(new FileInfo(Screenshot).Length > 0, $"The screenshot {Screenshot} is empty.");

        await offerInShortlist.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(page.Locator("#offer-status")).ToContainTextAsync($"Withdrew {OfferId}.");
        await Expect(offerInShortlist).ToHaveCountAsync(0);

        Assert.Empty(scriptErrors);
    }
}
