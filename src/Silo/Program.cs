using Matching.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

// A silo without the HTTP front: the grains, their index shards and the models. With ConnectionStrings:redis set
// it joins a Redis-backed cluster (README, "Run a cluster"); alone it uses localhost clustering and memory storage.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo =>
{
    silo.AddMatchingSilo(builder.Configuration);
    if (builder.Configuration.GetValue("Dashboard:Enabled", false))
    {
        silo.AddDashboard(); // the API serves it at /dashboard when it has Dashboard:Enabled too
    }
});
builder.Services.AddMatchingTelemetry(builder.Configuration, "matching-silo"); // OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
builder.Build().Run();
