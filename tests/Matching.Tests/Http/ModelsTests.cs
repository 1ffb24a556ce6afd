using System.CommandLine;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Matching.Api;
using Matching.Cli;
using Matching.Cli.Training;
using Matching.Grains;
using Matching.Ranking;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>
/// The model registry over HTTP (API.md "Models") and the model commands of the CLI. The fixture is shared: every test
/// registers its own versions and leaves the bundled default active.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ModelsTests(ApiFactory factory)
{
    private const string Default = ModelHost.DefaultVersion;

    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "m" + Guid.NewGuid().ToString("N")[..8] + "-";

    [Fact]
    public async Task The_bundled_default_is_listed_first_and_is_active_until_another_is_activated()
    {
        var body = await ListAsync();

        Assert.Equal(Default, (string)body["active"]!);
        var first = body["models"]!.AsArray()[0]!.AsObject();
        Assert.Equal(Default, (string)first["version"]!);
        Assert.True((bool)first["active"]!);
        Assert.False(string.IsNullOrEmpty((string?)first["trainer"]));
        Assert.NotNull(first["createdAt"]);
        Assert.IsType<JsonObject>(first["metrics"]);
        // Added beside API.md's fields: text similarity alone on the same held-out needs as metrics.
        Assert.Equal(ModelHost.Default.Metadata.Baseline["ndcg@3"], (double)first["baseline"]!["ndcg@3"]!);
        Assert.Equal(new[] { "version", "createdAt", "active", "trainer", "metrics", "baseline" }, first.Select(p => p.Key));
    }

    [Fact]
    public async Task A_valid_model_file_is_registered_with_201_and_listed_inactive()
    {
        var version = _p + "ok";

        var response = await PostModelAsync(Model(version));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/models/{version}", response.Headers.Location?.OriginalString);
        Assert.Equal(version, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
        var listed = (await ListAsync())["models"]!.AsArray().Single(m => (string)m!["version"]! == version)!;
        Assert.False((bool)listed["active"]!);
        Assert.Equal("test trainer", (string)listed["trainer"]!);
        Assert.Equal(0.5, (double)listed["metrics"]!["ndcg@3"]!);
        var one = (await _http.GetFromJsonAsync<JsonObject>($"/v1/models/{version}"))!;
        Assert.Equal(version, (string)one["version"]!);
        Assert.Equal(Default, (string)(await ListAsync())["active"]!);
    }

    public static TheoryData<string> InvalidFiles => ["random bytes", "truncated zip", "empty body", "zip without model.json", "foreign zip", "other featurizer", "other features", "zip bomb"];

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public async Task An_invalid_model_file_is_refused_with_400_saying_why_and_nothing_is_stored(string kind)
    {
        var version = _p + "bad";
        var valid = Model(version);
        var file = kind switch
        {
            "random bytes" => System.Security.Cryptography.RandomNumberGenerator.GetBytes(5000),
            "truncated zip" => valid[..(valid.Length / 2)],
            "empty body" => [],
            "zip without model.json" => Zip(("pipeline.zip", Entry(valid, "pipeline.zip"))),
            "foreign zip" => Zip(("readme.txt", "hello"u8.ToArray()), ("data/numbers.bin", [1, 2, 3, 4])),
            "other featurizer" => Model(version, m => m with { Featurizer = "some-other-text-model" }),
            "other features" => Model(version, m => m with { Features = ["cosine"] }),
            "zip bomb" => ClaimingGigabytes(valid),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var before = await ListAsync();

        var response = await PostModelAsync(file);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.EndsWith(".", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.False(((string)problem["detail"]!).EndsWith("..", StringComparison.Ordinal), (string)problem["detail"]!); // an inner message's own period is not doubled
        if (kind == "other featurizer")
        {
            Assert.Contains("featurizer", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        if (kind == "zip bomb")
        {
            Assert.Contains("unpacks to more than", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        if (kind == "zip without model.json")
        {
            Assert.Contains("model.json", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        Assert.Equal(before.ToJsonString(), (await ListAsync()).ToJsonString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task A_body_that_is_not_application_zip_is_refused_with_415(string? contentType)
    {
        var before = await ListAsync();
        var content = new ByteArrayContent(Model(_p + "ct"));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        var response = await _http.PostAsync("/v1/models", content);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before.ToJsonString(), (await ListAsync()).ToJsonString());
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused_with_413_with_or_without_a_content_length()
    {
        var tooLarge = new byte[new ApiLimits().MaxModelBytes + 1];

        var declared = await PostModelAsync(tooLarge);
        // Streamed without a length: the limit is counted while reading.
        var streamed = new StreamContent(new MemoryStream(tooLarge));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await _http.SendAsync(request);

        await AssertProblem(declared, HttpStatusCode.RequestEntityTooLarge);
        await AssertProblem(chunked, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_version_that_is_registered_or_is_the_default_is_refused_with_409()
    {
        var version = _p + "dup";
        Assert.Equal(HttpStatusCode.Created, (await PostModelAsync(Model(version))).StatusCode);

        var again = await PostModelAsync(Model(version, m => m with { Trainer = "another" }));
        var asDefault = await PostModelAsync(Model(Default));

        var detail = (string)(await AssertProblem(again, HttpStatusCode.Conflict))["detail"]!;
        Assert.Contains(version, detail, StringComparison.Ordinal);
        Assert.Contains("another --version", detail, StringComparison.Ordinal); // the option as train spells it
        Assert.Contains(TrainCommand.Create().Options, o => o.Name == "--version");
        await AssertProblem(asDefault, HttpStatusCode.Conflict);
        var listed = (await ListAsync())["models"]!.AsArray();
        Assert.Equal("test trainer", (string)listed.Single(m => (string)m!["version"]! == version)!["trainer"]!);
        Assert.Single(listed, m => (string)m!["version"]! == Default);
    }

    [Fact]
    public async Task Activating_an_unknown_version_is_404()
    {
        await AssertProblem(await _http.PostAsync($"/v1/models/{_p}never/activate", null), HttpStatusCode.NotFound);
        await AssertProblem(await _http.PostAsync("/v1/models/not%20a%20version/activate", null), HttpStatusCode.NotFound);
        Assert.Equal(Default, (string)(await ListAsync())["active"]!);
    }

    [Fact]
    public async Task Activation_makes_later_shortlists_carry_the_new_version_and_rollback_brings_the_default_back()
    {
        var version = _p + "v2";
        await PutAsync($"/v1/offers/{_p}o", """{"title":"Graphene anticorrosion coating for ship hulls","keywords":["graphene","anticorrosion"]}""");
        await PutAsync($"/v1/needs/{_p}n", """{"title":"Anticorrosion coating for ship hulls","keywords":["anticorrosion"]}""");
        Assert.Equal(Default, await ShortlistVersionAsync($"{_p}n"));
        Assert.Equal(HttpStatusCode.Created, (await PostModelAsync(Model(version))).StatusCode);
        try
        {
            var activated = await _http.PostAsync($"/v1/models/{version}/activate", null);

            Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
            Assert.Equal(version, (string)(await activated.Content.ReadFromJsonAsync<JsonObject>())!["active"]!);
            var list = await ListAsync();
            Assert.Equal(version, (string)list["active"]!);
            Assert.True((bool)list["models"]!.AsArray().Single(m => (string)m!["version"]! == version)!["active"]!);
            Assert.False((bool)list["models"]!.AsArray()[0]!["active"]!);
            Assert.Equal(version, await ShortlistVersionAsync($"{_p}n"));
            Assert.Equal(version, (string)(await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!["modelVersion"]!);

            var rollback = await _http.PostAsync($"/v1/models/{Default}/activate", null);

            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
            Assert.Equal(Default, await ShortlistVersionAsync($"{_p}n"));
            Assert.Equal(Default, (string)(await ListAsync())["active"]!);
        }
        finally
        {
            await RestoreDefaultAsync();
        }
    }

    [Fact]
    public async Task Activating_back_and_forth_during_concurrent_shortlist_reads_fails_none_of_them()
    {
        var version = _p + "flip";
        await PutAsync($"/v1/offers/{_p}o", """{"title":"Low-temperature plasma sterilizer for hospitals","keywords":["plasma","sterilizer"]}""");
        await PutAsync($"/v1/needs/{_p}n", """{"title":"Plasma sterilization of hospital instruments","keywords":["sterilization"]}""");
        Assert.Equal(HttpStatusCode.Created, (await PostModelAsync(Model(version))).StatusCode);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await _http.GetAsync($"/v1/needs/{_p}n/shortlist?k=3");
                var body = await response.Content.ReadAsStringAsync();
                var served = response.StatusCode == HttpStatusCode.OK ? (string?)JsonNode.Parse(body)!["modelVersion"] : null;
                if (served != Default && served != version)
                {
                    failures.Enqueue($"{(int)response.StatusCode} {body}");
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var target = i % 2 == 0 ? version : Default;
                Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/v1/models/{target}/activate", null)).StatusCode);
                // Let the readers make some requests under each model before switching again.
                var seen = Volatile.Read(ref reads);
                await Wait.UntilAsync(() => Volatile.Read(ref reads) >= seen + 8, "the readers made no progress", poll: TimeSpan.FromMilliseconds(5));
            }
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(readers);
            await RestoreDefaultAsync();
        }

        Assert.Empty(failures);
        Assert.True(reads >= 48);
    }

    [Fact]
    public async Task The_folder_store_keeps_files_and_the_active_pointer_for_a_new_instance()
    {
        var folder = Path.Combine(Path.GetTempPath(), "matching-tests", "store-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new FolderModelStore(folder);
            Assert.Null(await store.GetActiveAsync());
            Assert.Empty(await store.VersionsAsync());
            Assert.True(await store.AddAsync("2026-11-27.1", [1, 2, 3]));
            Assert.True(await store.AddAsync("team:a", [4, 5])); // ':' is a version character but not a Windows file name one
            Assert.False(await store.AddAsync("2026-11-27.1", [9]));
            await store.SetActiveAsync("2026-11-27.1");
            await store.SetActiveAsync("team:a");

            var restarted = new FolderModelStore(folder);

            Assert.Equal("team:a", await restarted.GetActiveAsync());
            Assert.Equal(new[] { "2026-11-27.1", "team:a" }, (await restarted.VersionsAsync()).Order(StringComparer.Ordinal));
            Assert.Equal(new byte[] { 1, 2, 3 }, await restarted.ReadAsync("2026-11-27.1"));
            Assert.Equal(new byte[] { 4, 5 }, await restarted.ReadAsync("team:a"));
            Assert.Null(await restarted.ReadAsync("unknown"));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp")); // no temporary file is left behind
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_cli_publishes_lists_and_activates_with_exit_code_0_and_a_refusal_is_exit_code_1()
    {
        var version = _p + "cli";
        try
        {
            Assert.Equal(0, await PublishCommand.PublishAsync(_http, Model(version), activate: true));
            Assert.Equal(version, (string)(await ListAsync())["active"]!);
            Assert.Equal(0, await ModelsCommand.ListAsync(_http, json: false));
            Assert.Equal(0, await ModelsCommand.ListAsync(_http, json: true));

            Assert.Equal(1, await PublishCommand.PublishAsync(_http, Model(version), activate: false)); // 409
            Assert.Equal(1, await PublishCommand.PublishAsync(_http, "not a zip"u8.ToArray(), activate: true)); // 400
            Assert.Equal(1, await ModelsCommand.ActivateAsync(_http, _p + "never")); // 404
            Assert.Equal(version, (string)(await ListAsync())["active"]!);
            Assert.Equal(0, await ModelsCommand.ActivateAsync(_http, Default));
            Assert.Equal(Default, (string)(await ListAsync())["active"]!);
        }
        finally
        {
            await RestoreDefaultAsync();
        }
    }

    [Fact]
    public async Task The_cli_lists_each_models_ndcg3_on_its_own_held_out_needs_beside_text_alone_on_the_same_needs()
    {
        var version = _p + "list";
        Assert.Equal(HttpStatusCode.Created, (await PostModelAsync(Model(version, m => m with
        {
            Metrics = new Dictionary<string, double> { ["ndcg@3"] = 0.4321 },
            Baseline = new Dictionary<string, double> { ["ndcg@3"] = 0.4567 },
        }))).StatusCode);
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            Interactive = Spectre.Console.InteractionSupport.No,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;

        Assert.Equal(0, await ModelsCommand.ListAsync(_http, json: false, console: console));

        var text = output.ToString();
        Assert.Contains(ModelsCommand.OwnHeldOutColumn, text);
        Assert.Contains(ModelsCommand.TextAloneColumn, text);
        Assert.Contains("own held-out needs", text);
        var row = Assert.Single(text.Split('\n'), l => l.Contains(version, StringComparison.Ordinal));
        Assert.Matches(@"0\.432\s*[│|]\s*0\.457", row);
        var listed = (await ListAsync())["models"]!.AsArray().Single(m => (string)m!["version"]! == version)!;
        Assert.Equal(0.4321, (double)listed["metrics"]!["ndcg@3"]!);
        Assert.Equal(0.4567, (double)listed["baseline"]!["ndcg@3"]!);
    }

    [Fact]
    public async Task The_cli_exits_with_2_for_a_bad_address_an_unreachable_api_or_an_unreadable_file()
    {
        var root = new RootCommand { PublishCommand.Create(), ModelsCommand.Create(), ModelsCommand.CreateActivate() };
        var file = Path.Combine(Path.GetTempPath(), "matching-tests", _p + "model.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, Model(_p + "unused"));
        var closed = $"http://127.0.0.1:{ClosedPort()}";
        try
        {
            Assert.Equal(2, await root.Parse(["models", "list", "--api", "not an address"]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["models", "list", "--api", "ftp://127.0.0.1/"]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["models", "list", "--api", closed]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["activate", "v1", "--api", closed]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["publish", file, "--api", closed]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["publish", file + ".missing", "--api", closed]).InvokeAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A learned model (LightGBM on the repository's training set), trained once for these tests.</summary>
    private static readonly Lazy<Ranker> Learned = new(() => new Unit.TrainingSetFixture().Fit(seed: 1));

    /// <summary>A model file: a learned pipeline under another version, optionally with other metadata.</summary>
    private static byte[] Model(string version, Func<ModelMetadata, ModelMetadata>? change = null)
    {
        var metadata = Learned.Value.Metadata with
        {
            Version = version,
            CreatedAt = DateTimeOffset.UtcNow,
            Trainer = "test trainer",
            Metrics = new Dictionary<string, double> { ["ndcg@3"] = 0.5 },
        };
        return Ranker.Create(Learned.Value, change is null ? metadata : change(metadata)).ToBytes();
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The zip with every entry's uncompressed size in the central directory set to almost 4 GB, as a zip bomb declares.</summary>
    private static byte[] ClaimingGigabytes(byte[] zipFile)
    {
        var bytes = zipFile.ToArray();
        for (var i = 0; i + 28 <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, 4).SequenceEqual("PK\u0001\u0002"u8))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 0xF000_0000);
            }
        }

        return bytes;
    }

    private static byte[] Entry(byte[] zipFile, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(zipFile), ZipArchiveMode.Read);
        using var entry = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        return buffer.ToArray();
    }

    private Task<HttpResponseMessage> PostModelAsync(byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return _http.PostAsync("/v1/models", content);
    }

    private async Task<JsonObject> ListAsync() => (await _http.GetFromJsonAsync<JsonObject>("/v1/models"))!;

    private async Task PutAsync(string path, string json) => Assert.True((await _http.PutAsync(path, JsonBody(json))).IsSuccessStatusCode, path);

    private async Task<string> ShortlistVersionAsync(string needId) =>
        (string)(await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{needId}/shortlist?k=3"))!["modelVersion"]!;

    private async Task RestoreDefaultAsync() =>
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/v1/models/{Default}/activate", null)).StatusCode);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }
}
