using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Matching.Tests.Processes;

/// <summary>
/// DESIGN.md's failure model against real processes: <c>redis-server</c>, two <c>Matching.Silo</c> processes and the
/// <c>Matching.Api</c> process, started by <see cref="ClusterProcesses"/> as a user would. Silos are killed with
/// SIGKILL, Redis is stopped and started again, everything is restarted; the writes' histories (acknowledged, refused,
/// unknown) are checked against what the cluster serves afterwards. The tests share one cluster and run one at a time;
/// each starts by bringing it back to two silos, the API and Redis, whatever the previous one left.
/// </summary>
[Collection(ProcessesCollection.Name)]
public sealed partial class ClusterFailoverTests(ClusterProcesses cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(2); // API.md: writes fail fast (within 2 s) with 503
    private static readonly TimeSpan QuietDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    private HttpClient Http => cluster.Http;

    /// <remarks>
    /// Orleans places a new activation by the silos' load (resource-optimized placement, its default since 9.2), with a
    /// preference for the silo the call came in by: on this shared box one batch of 50 can all land on one silo (seen once,
    /// right after a full restart, while the other silo rebuilt its shards). So items are written 50 at a time, up to
    /// 200, until both silos host some.
    /// </remarks>
    [Fact]
    public async Task Items_written_through_the_api_are_hosted_on_both_silos()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        // Placement weighs the silos' activations: thousands left on one silo by an earlier test (a bulk import)
        // send every new one to the other. Start from idle silos.
        await CollectActivationsAsync();
        var run = RunId("spread");
        var history = new WriteHistory();
        await using var orleans = await cluster.ConnectAsync();
        var silos = cluster.Silos;
        var active = await orleans.ActiveSilosAsync(silos.Select(s => s.SiloPort));
        Dictionary<int, int> bySilo = [];
        var rounds = new List<string>();
        for (var round = 0; round < 4 && (round == 0 || silos.Any(s => bySilo.GetValueOrDefault(s.SiloPort) == 0)); round++)
        {
            await Parallel.ForEachAsync(Enumerable.Range(round * 50, 50), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                await PutUntilAcknowledgedAsync(history, i % 2 == 0 ? "offers" : "needs", $"{run}-{i}", 1, i));
            Assert.True(history.CountOk() == (round + 1) * 50, $"not every write was acknowledged: {history.Summary()}{cluster.Logs()}");

            var statistics = await orleans.Management.GetDetailedGrainStatistics(hostsIds: active).WaitAsync(TimeSpan.FromSeconds(30));
            var ours = statistics.Where(s => s.GrainId.ToString().Contains(run, StringComparison.Ordinal)).ToList();
            Assert.Equal((round + 1) * 50, ours.Count);
            bySilo = ours.GroupBy(s => s.SiloAddress.Endpoint.Port).ToDictionary(g => g.Key, g => g.Count());
            // How many clients each gateway has and how many activations each silo holds: what placement weighs.
            var runtime = await orleans.Management.GetRuntimeStatistics(active).WaitAsync(TimeSpan.FromSeconds(30));
            var load = active.Zip(runtime).ToDictionary(p => p.First.Endpoint.Port, p => $"{p.Second.ClientCount} clients, {p.Second.ActivationCount} activations");
            rounds.Add($"after {ours.Count} items: " + string.Join("; ", silos.Select(s => $"{s} hosts {bySilo.GetValueOrDefault(s.SiloPort)} ({load.GetValueOrDefault(s.SiloPort)})")));
            output.WriteLine(rounds[^1]);
        }

        Assert.True(silos.All(s => bySilo.GetValueOrDefault(s.SiloPort) > 0), $"the items did not spread over both silos:\n  {string.Join("\n  ", rounds)}");
    }

    [Fact]
    public async Task A_silo_killed_during_writes_loses_no_acknowledged_write_and_shortlists_are_still_served()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("kill");
        var (history, victim, killedAt) = await WriteWhileKillingAsync(writers: 3, okBefore: 20, okAfter: 20, cluster.Silos[^1], MixedWrites(run));

        var acknowledged = history.Records.Where(r => r.Outcome == Outcome.Ok).ToList();
        var missing = await UnreadableAsync(acknowledged);
        Assert.True(missing.Count == 0,
            $"{missing.Count} of {acknowledged.Count} acknowledged writes are not readable after the kill of {victim}:\n  {string.Join("\n  ", missing)}\n{history.Summary(killedAt)}{cluster.Logs()}");

        var noList = new List<string>();
        foreach (var write in acknowledged)
        {
            var (status, _, text) = await ReadAsync($"/v1/{write.Kind}/{write.Id}/shortlist?k=3");
            if (status != HttpStatusCode.OK)
            {
                noList.Add($"{write.Kind}/{write.Id}: {(int)status} {text}");
            }
        }

        Assert.True(noList.Count == 0, $"shortlists not served after the kill of {victim}:\n  {string.Join("\n  ", noList)}{cluster.Logs()}");

        // What is served is what is stored: after every activation is dropped, the same items come back from Redis.
        await CollectActivationsAsync();
        missing = await UnreadableAsync(acknowledged);
        Assert.True(missing.Count == 0, $"acknowledged writes not in storage (served before every activation was dropped, not after):\n  {string.Join("\n  ", missing)}{cluster.Logs()}");

        cluster.StartSilo(); // the replacement joins while the next test starts
    }

    [Fact]
    public async Task After_a_silo_is_killed_during_writes_every_kept_shortlist_equals_a_fresh_one_once_the_backlog_drains()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("kill-lists");
        var (_, victim, _) = await WriteWhileKillingAsync(writers: 4, okBefore: 20, okAfter: 20, cluster.Silos[^1], MixedWrites(run));
        await AssertConsistentAsync($"after the kill of {victim}");
        cluster.StartSilo();
    }

    [Fact]
    public async Task After_a_silo_is_killed_while_a_bulk_import_is_swept_every_kept_shortlist_equals_a_fresh_one_once_the_backlog_drains()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("kill-sweep");
        // A bulk batch of offers queues a sweep of every need's list on the needs' propagators, half of which live
        // on the silo killed right after the batch is acknowledged: their queues die with it, their journals do not.
        await ImportAsync("needs", Enumerable.Range(0, 1000).Select(i => Items.NeedJson(i, $"{Items.NeedTitle(i)} {run}-n{i}")), $"{run}-n");
        await WaitQuietAsync("after the needs' import");
        await ImportAsync("offers", Enumerable.Range(0, 1000).Select(i => Items.OfferJson(i, $"{Items.OfferTitle(i)} {run}-o{i}")), $"{run}-o");
        var pending = await Items.PendingAsync(Http);
        // The victim: the silo with the most needs' propagators, which are sweeping.
        SiloProcess victim;
        await using (var orleans = await cluster.ConnectAsync())
        {
            var active = await orleans.ActiveSilosAsync(cluster.Silos.Select(s => s.SiloPort));
            var statistics = await orleans.Management.GetDetailedGrainStatistics(hostsIds: active).WaitAsync(TimeSpan.FromSeconds(30));
            var needsShardGrains = statistics
                .Where(s => s.GrainId.ToString().Contains("/needs/", StringComparison.Ordinal) && (s.GrainType.Contains("PropagatorGrain") || s.GrainType.Contains("IndexShardGrain")))
                .ToList();
            output.WriteLine("needs' shards and propagators: " + string.Join(", ", needsShardGrains.Select(s => $"{s.GrainId} on :{s.SiloAddress.Endpoint.Port}")));
            var port = needsShardGrains.Where(s => s.GrainType.Contains("PropagatorGrain"))
                .GroupBy(s => s.SiloAddress.Endpoint.Port).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            victim = cluster.Silos.FirstOrDefault(s => s.SiloPort == port) ?? cluster.Silos[^1];
        }

        ClusterProcesses.KillSilo(victim);
        output.WriteLine($"killed {victim} after the offers' import, with {pending} lists and changes pending");
        await AssertConsistentAsync($"after the kill of {victim} during the sweep");
        cluster.StartSilo();
        await CollectActivationsAsync(); // the import's thousands of activations would skew the next tests' placement
    }

    /// <summary>Posts one batch (ids <paramref name="prefix"/>0, 1, …) and asserts that every item was accepted.</summary>
    private async Task ImportAsync(string kind, IEnumerable<string> items, string prefix)
    {
        var array = new JsonArray([.. items.Select((json, i) =>
        {
            var item = JsonNode.Parse(json)!.AsObject();
            item["id"] = $"{prefix}{i}";
            return (JsonNode)item;
        })]);
        using var content = new StringContent(array.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"/v1/{kind}/batch", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && (int)JsonNode.Parse(text)!["accepted"]! == array.Count,
            $"POST /v1/{kind}/batch of {array.Count}: {(int)response.StatusCode} {text}{cluster.Logs()}");
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_acknowledged_update_and_see_none_out_of_order_when_a_silo_is_killed()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("lost");
        const int Writers = 4;
        const int KeysPerWriter = 3;
        // Each writer owns its keys and writes them in turn with increasing sequence numbers in the title: the last
        // acknowledged title of a key is the one that must be stored, or a later attempted one.
        var seqs = new int[Writers, KeysPerWriter];
        var (history, victim, killedAt) = await WriteWhileKillingAsync(Writers, okBefore: 40, okAfter: 30, cluster.Silos[0], (h, w, i) =>
        {
            var k = i % KeysPerWriter;
            var key = $"{run}-w{w}-k{k}";
            var seq = ++seqs[w, k];
            var title = $"{Items.OfferTitle(w)} {key} #{seq}";
            return h.PutAsync(Http, "offers", key, seq, title, Items.OfferJson(w, title));
        });

        var records = history.Records;
        var keys = records.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Writers * KeysPerWriter, keys.Count);
        var stored = new Dictionary<string, (HttpStatusCode Status, int? Seq, long? Version)>();
        var violations = new List<string>();
        foreach (var key in keys)
        {
            var (status, body, text) = await ReadAsync($"/v1/offers/{key}");
            int? seq = status == HttpStatusCode.OK ? SeqOf((string)body!["title"]!) : null;
            long? version = status == HttpStatusCode.OK ? (long)body!["version"]! : null;
            stored[key] = (status, seq, version);
            violations.AddRange(CheckKey(key, records.Where(r => r.Id == key).ToList(), status, seq, version, text));
        }

        Assert.True(violations.Count == 0, $"after the kill of {victim}:\n  {string.Join("\n  ", violations)}\n{history.Summary(killedAt)}{cluster.Logs()}");

        await CollectActivationsAsync();
        foreach (var key in keys)
        {
            var (status, body, text) = await ReadAsync($"/v1/offers/{key}");
            var again = (status, status == HttpStatusCode.OK ? SeqOf((string)body!["title"]!) : null, status == HttpStatusCode.OK ? (long?)body!["version"] : null);
            Assert.True(again == stored[key], $"{key} was served as {stored[key]} but storage has {again} ({text}){cluster.Logs()}");
        }

        cluster.StartSilo();
    }

    [Fact]
    public async Task After_every_process_is_killed_and_started_again_every_item_and_kept_shortlist_is_back()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("restart");
        var history = new WriteHistory();
        await Parallel.ForEachAsync(Enumerable.Range(0, 20), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            await PutUntilAcknowledgedAsync(history, i < 12 ? "offers" : "needs", $"{run}-{i}", 1, i));
        Assert.True(history.CountOk() == 20, $"not every write was acknowledged: {history.Summary()}{cluster.Logs()}");
        await WaitQuietAsync("before the restart");

        var paths = history.Records.Where(r => r.Outcome == Outcome.Ok).Select(r => $"/v1/{r.Kind}/{r.Id}").ToList();
        var before = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            before[path] = await ReadOkAsync(path);
            before[path + "/shortlist"] = Ranked(await ReadOkAsync(path + "/shortlist?k=3"));
        }

        var clock = Stopwatch.StartNew();
        cluster.KillAll();
        await cluster.StartRedisAsync();
        var redisUp = clock.Elapsed;
        cluster.StartSilo();
        cluster.StartSilo();
        cluster.StartApi();
        await cluster.WaitReadyAsync();
        var ready = clock.Elapsed;
        await cluster.WaitForActiveSilosAsync();
        output.WriteLine($"Redis, 2 silos and the API killed and started again: Redis up in {redisUp.TotalSeconds:0.0} s, " +
            $"the API ready in {ready.TotalSeconds:0.0} s, both silos active in {clock.Elapsed.TotalSeconds:0.0} s");

        var differences = new List<string>();
        foreach (var path in paths)
        {
            var item = await ReadOkAsync(path);
            if (item != before[path])
            {
                differences.Add($"{path}: before {before[path]}, after {item}");
            }

            var kept = Ranked(await ReadOkAsync(path + "/shortlist?k=3"));
            var fresh = Ranked(await ReadOkAsync(path + "/shortlist?k=3&fresh=true"));
            if (kept != before[path + "/shortlist"] || kept != fresh)
            {
                differences.Add($"{path}/shortlist: before {before[path + "/shortlist"]}, kept now {kept}, fresh {fresh}");
            }
        }

        Assert.True(differences.Count == 0, $"not as before the restart:\n  {string.Join("\n  ", differences)}{cluster.Logs()}");
        await AssertConsistentAsync("after the restart");
    }

    [Fact]
    public async Task While_redis_is_down_writes_get_503_problems_and_kept_shortlists_are_served_and_once_it_is_back_writes_succeed_without_a_restart()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("redis-down");
        var history = new WriteHistory();
        Assert.Equal(Outcome.Ok, (await PutUntilAcknowledgedAsync(history, "offers", $"{run}-offer", 1, 2)).Outcome);
        Assert.Equal(Outcome.Ok, (await PutUntilAcknowledgedAsync(history, "needs", $"{run}-need", 1, 2)).Outcome);
        Assert.Equal(Outcome.Ok, (await PutUntilAcknowledgedAsync(history, "offers", $"{run}-updated", 1, 3)).Outcome);
        await WaitQuietAsync("before Redis is stopped");
        string[] reads = [$"/v1/needs/{run}-need/shortlist?k=3", $"/v1/offers/{run}-offer/shortlist?k=3", $"/v1/needs/{run}-need", $"/v1/offers/{run}-offer"];
        var before = new Dictionary<string, string>();
        foreach (var path in reads)
        {
            before[path] = await ReadOkAsync(path);
        }

        Assert.Contains($"{run}-offer", before[reads[0]], StringComparison.Ordinal);
        var processes = ProcessIds();

        await cluster.StopRedisAsync();
        var down = history.Now;
        var readsWhileDown = new List<string>();
        try
        {
            foreach (var path in reads)
            {
                var clock = Stopwatch.StartNew();
                var (status, _, text) = await Items.GetAsync(Http, path);
                if (status != HttpStatusCode.OK || text != before[path])
                {
                    readsWhileDown.Add($"{path}: {(int)status} in {clock.ElapsedMilliseconds} ms: {text}");
                }
            }

            await PutItemAsync(history, "offers", $"{run}-new-offer", 1, 1);
            await PutItemAsync(history, "needs", $"{run}-new-need", 1, 2);
            await PutItemAsync(history, "offers", $"{run}-updated", 2, 4);
        }
        finally
        {
            await cluster.StartRedisAsync();
        }

        var recovered = await WaitUntilWritesSucceedAsync(run);
        output.WriteLine($"while Redis was down: {history.Summary(down)}");
        output.WriteLine($"writes acknowledged again {recovered.TotalSeconds:0.0} s after Redis started");

        Assert.True(readsWhileDown.Count == 0, $"reads of items read before Redis stopped must be served while it is down:\n  {string.Join("\n  ", readsWhileDown)}{cluster.Logs()}");
        var refused = history.Records.Where(r => r.Start >= down).ToList();
        var notRefused = refused.Where(r => r.Status != 503 || r.Detail.Contains("not a problem", StringComparison.Ordinal)).ToList();
        Assert.True(notRefused.Count == 0, $"writes while Redis was down must be 503 problem documents:\n  {string.Join("\n  ", notRefused)}{cluster.Logs()}");
        foreach (var write in refused.Where(r => r.Id.Contains("-new-", StringComparison.Ordinal)))
        {
            var (status, _, text) = await ReadAsync($"/v1/{write.Kind}/{write.Id}");
            Assert.True(status == HttpStatusCode.NotFound, $"{write.Kind}/{write.Id} was refused with 503 while Redis was down, but exists now: {(int)status} {text}");
        }

        Assert.Equal(processes, ProcessIds());
        foreach (var path in reads)
        {
            Assert.Equal(before[path], await ReadOkAsync(path));
        }
    }

    [Theory]
    [InlineData("killed")] // its connections close: the client knows at once
    [InlineData("frozen")] // its connections stay open and nothing answers: the client knows only by a timeout
    public async Task While_redis_is_down_every_write_is_refused_within_2_s(string how)
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId($"redis-{how}");
        var history = new WriteHistory();
        Assert.Equal(Outcome.Ok, (await PutUntilAcknowledgedAsync(history, "offers", $"{run}-existing", 1, 0)).Outcome);

        await (how == "killed" ? cluster.StopRedisAsync() : cluster.FreezeRedisAsync());
        var down = history.Now;
        try
        {
            await PutItemAsync(history, "offers", $"{run}-new-offer", 1, 1);
            await PutItemAsync(history, "needs", $"{run}-new-need", 1, 2);
            await PutItemAsync(history, "offers", $"{run}-existing", 2, 3);
            await PutItemAsync(history, "offers", $"{run}-new-offer", 1, 1);
        }
        finally
        {
            await (how == "killed" ? cluster.StartRedisAsync() : cluster.ThawRedisAsync());
        }

        output.WriteLine(history.Summary(down));
        await WaitUntilWritesSucceedAsync(run);
        var slow = history.Records.Where(r => r.Start >= down && (r.Status != 503 || r.Elapsed > FailFast)).ToList();
        Assert.True(slow.Count == 0, $"writes while Redis was {how} must be refused with 503 within {FailFast.TotalSeconds} s:\n  {string.Join("\n  ", slow)}{cluster.Logs()}");
    }

    [Fact]
    public async Task A_write_refused_while_redis_is_down_leaves_nothing_behind_and_its_retry_is_stored()
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var run = RunId("redis-partial");
        var history = new WriteHistory();
        var updated = $"{run}-updated";
        var fresh = $"{run}-fresh";
        var v1 = await PutUntilAcknowledgedAsync(history, "offers", updated, 1, 1);
        Assert.Equal(Outcome.Ok, v1.Outcome);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync($"/v1/offers/{fresh}")).Status); // its grain is active, with nothing stored

        var problems = new List<string>();
        await cluster.StopRedisAsync();
        try
        {
            var update = await PutItemAsync(history, "offers", updated, 2, 4);
            var create = await PutItemAsync(history, "offers", fresh, 1, 5);
            foreach (var refused in new[] { update, create }.Where(w => w.Status != 503))
            {
                problems.Add($"while Redis was down: {refused}");
            }

            var (status, body, text) = await Items.GetAsync(Http, $"/v1/offers/{updated}");
            if (status == HttpStatusCode.OK && (long)body!["version"]! != v1.Version)
            {
                problems.Add($"while Redis was down, GET {updated} serves the refused write: {text}");
            }

            (status, _, text) = await Items.GetAsync(Http, $"/v1/offers/{fresh}");
            if (status == HttpStatusCode.OK)
            {
                problems.Add($"while Redis was down, GET {fresh} serves the refused create: {text}");
            }
        }
        finally
        {
            await cluster.StartRedisAsync();
        }

        await WaitUntilWritesSucceedAsync(run);
        var after = await ReadAsync($"/v1/offers/{updated}");
        if (after.Status != HttpStatusCode.OK || (long)after.Body!["version"]! != v1.Version || (string)after.Body!["title"]! != v1.Title)
        {
            problems.Add($"Redis back: GET {updated} should be the stored version {v1.Version} '{v1.Title}', is {(int)after.Status} {after.Text}");
        }

        var afterFresh = await ReadAsync($"/v1/offers/{fresh}");
        if (afterFresh.Status != HttpStatusCode.NotFound)
        {
            problems.Add($"Redis back: GET {fresh} should be 404 (its create was refused), is {(int)afterFresh.Status} {afterFresh.Text}");
        }

        // The client retries the refused writes: acknowledged now, so they must be in storage.
        var retryUpdate = await PutItemAsync(history, "offers", updated, 2, 4);
        var retryCreate = await PutItemAsync(history, "offers", fresh, 1, 5);
        output.WriteLine(history.Summary());
        await CollectActivationsAsync();
        foreach (var retry in new[] { retryUpdate, retryCreate })
        {
            var (status, body, text) = await ReadAsync($"/v1/offers/{retry.Id}");
            if (retry.Outcome != Outcome.Ok || status != HttpStatusCode.OK || (string)body!["title"]! != retry.Title || (long)body!["version"]! != retry.Version)
            {
                problems.Add($"retried write {retry}; read back from storage: {(int)status} {text}");
            }
        }

        Assert.True(problems.Count == 0, $"a refused write left something behind:\n  {string.Join("\n  ", problems)}\n{history.Summary()}");
    }

    /// <summary>
    /// Runs <paramref name="writers"/> sequential writers (writer w's i-th write is <paramref name="write"/>(history, w, i)),
    /// kills <paramref name="victim"/> once <paramref name="okBefore"/> writes are acknowledged, and keeps writing for 5 s
    /// more and until <paramref name="okAfter"/> writes started after the kill are acknowledged. Writes in flight then
    /// finish (or time out) before it returns; no write may get a server error other than 503.
    /// </summary>
    private async Task<(WriteHistory History, SiloProcess Victim, TimeSpan KilledAt)> WriteWhileKillingAsync(
        int writers, int okBefore, int okAfter, SiloProcess victim, Func<WriteHistory, int, int, Task<WriteRecord>> write)
    {
        var history = new WriteHistory();
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await write(history, w, i);
            }
        })).ToArray();

        await cluster.WaitUntilAsync(() => Task.FromResult(history.CountOk() >= okBefore || tasks.Any(t => t.IsCompleted)), RecoveryDeadline,
            () => $"{okBefore} writes were not acknowledged before the kill: {history.Summary()}");
        var killedAt = history.Now;
        ClusterProcesses.KillSilo(victim);
        output.WriteLine($"killed {victim} at {killedAt.TotalSeconds:0.000}s");
        await cluster.WaitUntilAsync(() => Task.FromResult(tasks.Any(t => t.IsCompleted) || (history.Now - killedAt >= TimeSpan.FromSeconds(5) && history.CountOk(killedAt) >= okAfter)),
            RecoveryDeadline, () => $"writes were not acknowledged again after the kill of {victim}: {history.Summary(killedAt)}");
        await stop.CancelAsync();
        await Task.WhenAll(tasks); // a writer that threw (not a refused write: a bug in the test or a malformed answer) surfaces here
        output.WriteLine(history.Summary(killedAt));
        AssertNoServerErrors(history);
        return (history, victim, killedAt);
    }

    /// <summary>Checks one key's final state against its writes' history (see the lost-update test).</summary>
    private static IEnumerable<string> CheckKey(string key, List<WriteRecord> attempts, HttpStatusCode status, int? seq, long? version, string text)
    {
        var acknowledged = attempts.Where(a => a.Outcome == Outcome.Ok).OrderBy(a => a.Seq).ToList();
        for (var i = 1; i < acknowledged.Count; i++)
        {
            if (acknowledged[i].Version <= acknowledged[i - 1].Version)
            {
                yield return $"{key}: out of order: #{acknowledged[i].Seq} acknowledged with version {acknowledged[i].Version} after #{acknowledged[i - 1].Seq} with version {acknowledged[i - 1].Version}";
            }
        }

        var last = acknowledged.LastOrDefault();
        if (status != HttpStatusCode.OK)
        {
            if (last is not null)
            {
                yield return $"{key}: GET {(int)status} {text}, but #{last.Seq} was acknowledged ({last})";
            }

            yield break;
        }

        var source = attempts.FirstOrDefault(a => a.Seq == seq);
        if (source is null)
        {
            yield return $"{key}: stores #{seq}, which was never written ({text})";
        }
        else if (source.Outcome == Outcome.Failed && source.Status is >= 400 and < 500)
        {
            yield return $"{key}: stores #{seq}, which was refused with {source.Status}";
        }

        if (last is not null && (seq < last.Seq || version < last.Version || (seq == last.Seq && version != last.Version)))
        {
            yield return $"{key}: acknowledged write lost: stores #{seq} version {version}, the last acknowledged is #{last.Seq} version {last.Version}";
        }
    }

    /// <summary>Writer w's i-th write: a new offer or need (alternately), each its own id.</summary>
    private Func<WriteHistory, int, int, Task<WriteRecord>> MixedWrites(string run) =>
        (h, w, i) => PutItemAsync(h, i % 2 == 0 ? "offers" : "needs", $"{run}-w{w}-{i}", 1, w + i);

    private Task<WriteRecord> PutItemAsync(WriteHistory history, string kind, string id, int seq, int topic)
    {
        var title = (kind == "offers" ? Items.OfferTitle(topic) : Items.NeedTitle(topic)) + $" {id} #{seq}";
        return history.PutAsync(Http, kind, id, seq, title, kind == "offers" ? Items.OfferJson(topic, title) : Items.NeedJson(topic, title));
    }

    /// <summary>
    /// A set-up write, retried on 503 for up to 20 s as a portal would: a silo that has just joined can refuse its
    /// first writes while it warms up (a storage call not read within 1 s on a starved thread pool). Each retry is
    /// reported to the test output.
    /// </summary>
    private async Task<WriteRecord> PutUntilAcknowledgedAsync(WriteHistory history, string kind, string id, int seq, int topic)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var record = await PutItemAsync(history, kind, id, seq, topic);
            if (record.Outcome != Outcome.Failed || record.Status != 503 || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return record;
            }

            output.WriteLine($"PUT {kind}/{id}: 503 {record.Detail} after {clock.ElapsedMilliseconds} ms; retrying");
            await Task.Delay(200);
        }
    }

    /// <summary>The acknowledged writes that a GET does not return at their version (or a later one).</summary>
    private async Task<List<string>> UnreadableAsync(IEnumerable<WriteRecord> acknowledged)
    {
        var missing = new List<string>();
        foreach (var write in acknowledged)
        {
            var (status, body, text) = await ReadAsync($"/v1/{write.Kind}/{write.Id}");
            var version = status == HttpStatusCode.OK ? (long)body!["version"]! : 0;
            if (status != HttpStatusCode.OK || version < write.Version || (version == write.Version && (string)body!["title"]! != write.Title))
            {
                missing.Add($"{write}: GET {(int)status} {text}");
            }
        }

        return missing;
    }

    /// <summary>
    /// A GET that retries 503 and timeouts for up to 20 s (the cluster may still be settling a silo's death); each
    /// retry is reported to the test output, so that a slow recovery shows.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> ReadAsync(string path, HttpClient? client = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            (HttpStatusCode, JsonNode?, string) result;
            try
            {
                result = await Items.GetAsync(client ?? Http, path);
                if (result.Item1 != HttpStatusCode.ServiceUnavailable || clock.Elapsed > TimeSpan.FromSeconds(20))
                {
                    return result;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(20))
                {
                    return (0, null, e.GetType().Name + ": " + e.Message);
                }

                result = (0, null, e.Message);
            }

            output.WriteLine($"GET {path}: {(int)result.Item1} {result.Item3} after {clock.ElapsedMilliseconds} ms; retrying");
            await Task.Delay(200);
        }
    }

    private async Task<string> ReadOkAsync(string path)
    {
        var (status, _, text) = await ReadAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {text}{cluster.Logs()}");
        return text;
    }

    /// <summary>A shortlist as its ranked ids and scores.</summary>
    private static string Ranked(string shortlist) =>
        string.Join(", ", JsonNode.Parse(shortlist)!["items"]!.AsArray().Select(i =>
            $"{(string?)i!["offerId"] ?? (string?)i["needId"]} {((double)i["score"]!).ToString("0.######", CultureInfo.InvariantCulture)}"));

    private async Task WaitQuietAsync(string when)
    {
        long? pending = null;
        await cluster.WaitUntilAsync(async () => (pending = await Items.PendingAsync(Http)) == 0, QuietDeadline,
            () => $"the propagation backlog did not drain {when} (pending: {pending?.ToString(CultureInfo.InvariantCulture) ?? "status unreadable"})");
    }

    /// <summary>Once the backlog is zero, every kept shortlist equals its fresh computation (<c>GET /v1/consistency?sample=0</c>).</summary>
    private async Task AssertConsistentAsync(string when)
    {
        await WaitQuietAsync(when);
        var (status, body, text) = await ReadAsync("/v1/consistency?sample=0", cluster.Ops);
        Assert.True(status == HttpStatusCode.OK, $"GET /v1/consistency {when}: {(int)status} {text}{cluster.Logs()}");
        output.WriteLine($"consistency {when}: {(long)body!["checked"]!} lists checked, {(long)body["mismatched"]!} mismatched");
        Assert.True((long)body["mismatched"]! == 0, $"kept shortlists differ from fresh ones {when}:\n  {string.Join("\n  ", DescribeMismatches(body))}{cluster.Logs()}");
    }

    /// <summary>Each mismatch as what only the kept list holds, what only the fresh one holds, and whether the common items' order or scores differ.</summary>
    private static IEnumerable<string> DescribeMismatches(JsonNode consistency) =>
        consistency["mismatches"]!.AsArray().Select(m =>
        {
            static List<(string Id, double Score)> Items(JsonNode list) => list.AsArray().Select(i => ((string)i!["id"]!, (double)i["score"]!)).ToList();
            var kept = Items(m!["kept"]!);
            var fresh = Items(m["fresh"]!);
            var keptIds = kept.Select(i => i.Id).ToHashSet();
            var freshIds = fresh.Select(i => i.Id).ToHashSet();
            var onlyKept = kept.Where(i => !freshIds.Contains(i.Id)).Select(i => $"{i.Id} {i.Score:0.######} (#{kept.IndexOf(i) + 1})");
            var onlyFresh = fresh.Where(i => !keptIds.Contains(i.Id)).Select(i => $"{i.Id} {i.Score:0.######} (#{fresh.IndexOf(i) + 1})");
            var common = kept.Where(i => freshIds.Contains(i.Id)).ToList();
            var orderOrScores = !common.SequenceEqual(fresh.Where(i => keptIds.Contains(i.Id)));
            return $"{m["kind"]} {m["id"]}: kept {kept.Count}, fresh {fresh.Count}; only kept [{string.Join(", ", onlyKept)}]; only fresh [{string.Join(", ", onlyFresh)}]" +
                (orderOrScores ? "; the common items' order or scores differ" : "");
        });

    /// <summary>PUTs throwaway offers until one is acknowledged; returns how long that took.</summary>
    private async Task<TimeSpan> WaitUntilWritesSucceedAsync(string run)
    {
        var history = new WriteHistory();
        var n = 0;
        // A text that matches no other item's, so that the probes enter no shortlist.
        await cluster.WaitUntilAsync(async () => (await history.PutAsync(Http, "offers", $"{run}-probe-{++n}", 1, $"write probe {n}", $$"""{"title":"write probe {{n}}"}""")).Outcome == Outcome.Ok,
            RecoveryDeadline, () => $"writes did not succeed again after Redis started: {history.Summary()}");
        output.WriteLine($"after Redis started: {history.Summary()}");
        return history.Now;
    }

    /// <summary>Drops every activation on the live silos, so that the next reads come from Redis.</summary>
    private async Task CollectActivationsAsync()
    {
        await using var orleans = await cluster.ConnectAsync();
        var live = await orleans.ActiveSilosAsync(cluster.Silos.Select(s => s.SiloPort));
        await orleans.Management.ForceActivationCollection(live, TimeSpan.Zero).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private void AssertNoServerErrors(WriteHistory history)
    {
        var errors = history.Records.Where(r => r.Status >= 500 && r.Status != 503).ToList();
        Assert.True(errors.Count == 0, $"writes answered with a server error other than 503:\n  {string.Join("\n  ", errors)}{cluster.Logs()}");
    }

    /// <summary>The running silos' and API's process ids.</summary>
    private string ProcessIds() => $"silos {string.Join(", ", cluster.Silos.Select(s => s.Process.Id).Order())}; api {cluster.ApiProcessId}";

    private static string RunId(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";

    private static int? SeqOf(string title) => SeqPattern().Match(title) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"#(\d+)$")]
    private static partial Regex SeqPattern();
}
