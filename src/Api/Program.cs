using Matching.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchingOrleans();
builder.AddMatchingApi();

var app = builder.Build();
app.MapMatchingApi();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
