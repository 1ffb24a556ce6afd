using Matching.Grains;
using Microsoft.Extensions.Hosting;

// A silo without the HTTP front: the grains, their index shards and the model. Alone it uses localhost
// clustering and memory storage (useful for trying a client); the Redis cluster mode comes with the cluster work.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddMatchingSilo(builder.Configuration));
builder.Build().Run();
