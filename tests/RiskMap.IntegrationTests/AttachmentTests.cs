using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Attachments;
using RiskMap.TestSupport;
using SkiaSharp;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Evidence of hazards: the type judged from the bytes, the size and count limits, content-addressed storage, EXIF
/// flags, the original served as a download and the thumbnail re-encoded. Its own demo database: the tests upload.
/// </summary>
public sealed class AttachmentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Chief = "chief-431103105";
    private const string Township = "431103105";

    /// <summary>The <paramref name="n"/>-th hazard (by id) of the chief's township without attachments: each test takes its own.</summary>
    private async Task<long> HazardAsync(int n) => (long)(await app.ScalarAsync($"""
        SELECT h.id FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
        WHERE e.township_code = '{Township}' AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.hazard_id = h.id)
        ORDER BY h.id OFFSET {n} LIMIT 1
        """))!;

    /// <summary>A multipart upload body: <paramref name="kind"/> (omitted when null) and the file.</summary>
    internal static MultipartFormDataContent Form(string? kind, byte[] bytes, string fileName, string declaredType)
    {
        var form = new MultipartFormDataContent();
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>A drawn image of <paramref name="width"/> × <paramref name="height"/> pixels in <paramref name="format"/>.</summary>
    internal static byte[] Drawn(SKEncodedImageFormat format, int width = 800, int height = 600)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.SteelBlue);
        using var paint = new SKPaint { Color = SKColors.Orange };
        surface.Canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task A_png_named_pdf_is_stored_as_png_and_served_as_a_download_with_a_reencoded_thumbnail()
    {
        var hazard = await HazardAsync(0);
        var png = Drawn(SKEncodedImageFormat.Png);
        using var chief = await app.ClientForAsync(Chief);
        var response = await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("before", png, "整改方案.pdf", "application/pdf"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json(response);
        Assert.Equal("image/png", created.GetProperty("mediaType").GetString());
        Assert.Equal("Before", created.GetProperty("kind").GetString());
        Assert.Equal("整改方案.pdf.png", created.GetProperty("fileName").GetString());
        Assert.Equal(png.Length, created.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), created.GetProperty("sha256").GetString());
        Assert.Equal(Chief, created.GetProperty("uploadedBy").GetString());
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/attachments/{id}", response.Headers.Location!.OriginalString);

        var original = await chief.GetAsync($"/api/v1/attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/png", original.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("整改方案.pdf.png", original.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", original.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await original.Content.ReadAsByteArrayAsync());

        var thumbnail = await chief.GetAsync($"/api/v1/attachments/{id}/thumbnail");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));

        var list = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard}/attachments");
        Assert.Equal(50, list.GetProperty("limit").GetInt32());
        Assert.Equal([id], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        // The upload is in the hazard's history.
        var detail = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard}");
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "hazard.attachment");
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_refused_naming_the_file_in_the_callers_language()
    {
        var hazard = await HazardAsync(1);
        var text = Encoding.UTF8.GetBytes("这不是照片 / not a photo\n");
        using var chief = await app.ClientForAsync(Chief);
        var response = await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("After", text, "photo.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal(AttachmentProblemCodes.TypeRefused, problem.GetProperty("errorCodes").GetProperty("file")[0].GetProperty("code").GetString());
        Assert.Contains("Only JPEG, PNG or PDF", problem.GetProperty("errors").GetProperty("file")[0].GetString());

        var chinese = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hazards/{hazard}/attachments") { Content = Form("After", text, "photo.jpg", "image/jpeg") };
        chinese.Headers.AcceptLanguage.Clear();
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await Json(await chief.SendAsync(chinese));
        Assert.Equal(AttachmentProblemCodes.TypeRefused, zh.GetProperty("errorCodes").GetProperty("file")[0].GetProperty("code").GetString());
        Assert.Contains("只接受 JPEG、PNG 或 PDF", zh.GetProperty("errors").GetProperty("file")[0].GetString());

        // A JPEG's magic number with nothing decodable after it is no photo either; nor is a missing kind a default.
        var fake = await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("After", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "x.jpg", "image/jpeg"));
        Assert.Equal(AttachmentProblemCodes.ImageUnreadable, (await Json(fake)).GetProperty("errorCodes").GetProperty("file")[0].GetProperty("code").GetString());
        var noKind = await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form(null, Drawn(SKEncodedImageFormat.Jpeg), "x.jpg", "image/jpeg"));
        Assert.Equal("required", (await Json(noKind)).GetProperty("errorCodes").GetProperty("kind")[0].GetProperty("code").GetString());
        var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("no boundary anywhere in this body"));
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=evidence");
        var unreadable = await Json(await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", broken));
        Assert.Equal("request.unreadable", unreadable.GetProperty("code").GetString());
        Assert.Equal(AttachmentProblemCodes.FormUnreadable, unreadable.GetProperty("errorCodes").GetProperty("body")[0].GetProperty("code").GetString());
        var json = await chief.PostAsJsonAsync($"/api/v1/hazards/{hazard}/attachments", new { kind = "After" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM attachments WHERE hazard_id = {hazard}"));
    }

    [Fact]
    public async Task A_21_MiB_file_is_refused_with_413_whether_its_length_is_declared_or_not()
    {
        var hazard = await HazardAsync(2);
        var big = new byte[21 * 1024 * 1024];
        Drawn(SKEncodedImageFormat.Png).CopyTo(big, 0);
        using var chief = await app.ClientForAsync(Chief);
        var declared = await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("Before", big, "big.png", "image/png"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        var problem = await Json(declared);
        Assert.Equal(AttachmentProblemCodes.TooLarge, problem.GetProperty("code").GetString());
        Assert.Equal("An attachment may be at most 20 MiB.", problem.GetProperty("detail").GetString());

        // Sent chunked (no Content-Length): refused once the bytes read pass the limit.
        var form = Form("Before", big, "big.png", "image/png");
        var chunked = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hazards/{hazard}/attachments") { Content = new StreamContent(await form.ReadAsStreamAsync()) };
        chunked.Content.Headers.ContentType = form.Headers.ContentType;
        chunked.Headers.TransferEncodingChunked = true;
        var streamed = await chief.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM attachments WHERE hazard_id = {hazard}"));
    }

    [Fact]
    public async Task The_same_bytes_uploaded_twice_are_stored_once()
    {
        var first = await HazardAsync(3);
        var second = await HazardAsync(4);
        var jpeg = Drawn(SKEncodedImageFormat.Jpeg, 400, 300);
        var sha = Convert.ToHexStringLower(SHA256.HashData(jpeg));
        using var chief = await app.ClientForAsync(Chief);
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsync($"/api/v1/hazards/{first}/attachments", Form("Before", jpeg, "a.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsync($"/api/v1/hazards/{first}/attachments", Form("After", jpeg, "b.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsync($"/api/v1/hazards/{second}/attachments", Form("Before", jpeg, "c.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(3L, await app.ScalarAsync($"SELECT count(*) FROM attachments WHERE sha256 = '{sha}'"));
        Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM attachment_blobs WHERE sha256 = '{sha}'"));
        Assert.Equal((long)jpeg.Length, await app.ScalarAsync($"SELECT octet_length(content)::bigint FROM attachment_blobs WHERE sha256 = '{sha}'"));
    }

    [Fact]
    public async Task A_photo_taken_2_km_away_or_before_the_hazard_was_found_is_flagged_and_kept()
    {
        var hazard = await HazardAsync(5);
        var where = ((string)(await app.ScalarAsync($"""
            SELECT ST_X(e.location) || ' ' || ST_Y(e.location) || ' ' || h.found_on FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE h.id = {hazard}
            """))!).Split(' ');
        var (lon, lat) = (double.Parse(where[0], CultureInfo.InvariantCulture), double.Parse(where[1], CultureInfo.InvariantCulture));
        var found = DateOnly.Parse(where[2], CultureInfo.InvariantCulture);
        var metresPerDegreeLon = 111_320 * Math.Cos(lat * Math.PI / 180);
        var far = JpegExif.Insert(Drawn(SKEncodedImageFormat.Jpeg, 640, 480), found.ToDateTime(new TimeOnly(10, 0)), lat, lon + 2_000 / metresPerDegreeLon);
        var near = JpegExif.Insert(Drawn(SKEncodedImageFormat.Jpeg, 600, 480), found.ToDateTime(new TimeOnly(11, 0)), lat + 100 / 111_320.0, lon);
        var early = JpegExif.Insert(Drawn(SKEncodedImageFormat.Jpeg, 560, 480), found.AddDays(-3).ToDateTime(new TimeOnly(8, 15, 30)), lat, lon);
        using var chief = await app.ClientForAsync(Chief);
        foreach (var (bytes, name) in new[] { (far, "far.jpg"), (near, "near.jpg"), (early, "early.jpg") })
            Assert.Equal(HttpStatusCode.Created, (await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("Before", bytes, name, "image/jpeg"))).StatusCode);

        var items = (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard}/attachments")).GetProperty("items").EnumerateArray()
            .ToDictionary(a => a.GetProperty("fileName").GetString()!);
        Assert.InRange(items["far.jpg"].GetProperty("distanceMetres").GetDouble(), 1_990, 2_010);
        Assert.True(items["far.jpg"].GetProperty("farFromEnterprise").GetBoolean());
        Assert.False(items["far.jpg"].GetProperty("takenBeforeFound").GetBoolean());
        Assert.Equal(lat, items["far.jpg"].GetProperty("latitude").GetDouble(), 1e-5);
        Assert.InRange(items["near.jpg"].GetProperty("distanceMetres").GetDouble(), 95, 105);
        Assert.False(items["near.jpg"].GetProperty("farFromEnterprise").GetBoolean());
        Assert.True(items["early.jpg"].GetProperty("takenBeforeFound").GetBoolean());
        Assert.Equal(found.AddDays(-3).ToDateTime(new TimeOnly(8, 15, 30)), items["early.jpg"].GetProperty("takenAt").GetDateTime());
        Assert.False(items["early.jpg"].GetProperty("farFromEnterprise").GetBoolean());
    }

    [Fact]
    public async Task A_hazard_takes_at_most_50_attachments()
    {
        var hazard = await HazardAsync(6);
        using var chief = await app.ClientForAsync(Chief);
        var first = await Json(await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("Document", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"), "plan.pdf", "application/pdf")));
        Assert.Equal("application/pdf", first.GetProperty("mediaType").GetString());
        await app.ExecuteAsync($"""
            INSERT INTO attachments (hazard_id, kind, sha256, file_name, uploaded_by, uploaded_at)
            SELECT {hazard}, 'Document', '{first.GetProperty("sha256").GetString()}', 'plan-' || n || '.pdf', 'tests', now() FROM generate_series(2, 50) n
            """);
        var refused = await chief.PostAsync($"/api/v1/hazards/{hazard}/attachments", Form("After", Drawn(SKEncodedImageFormat.Png), "x.png", "image/png"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(AttachmentProblemCodes.LimitReached, (await Json(refused)).GetProperty("code").GetString());
        Assert.Equal(50L, await app.ScalarAsync($"SELECT count(*) FROM attachments WHERE hazard_id = {hazard}"));
        // A PDF gets the generic drawn thumbnail.
        var thumbnail = await chief.GetByteArrayAsync($"/api/v1/attachments/{first.GetProperty("id").GetInt64()}/thumbnail");
        Assert.Equal(AttachmentContent.PdfThumbnail, thumbnail);
    }

    [Fact]
    public async Task Only_an_after_photo_counts_as_after_photo_evidence()
    {
        var hazard = await HazardAsync(7);
        Assert.False(await app.WithDbAsync(db => HazardAttachments.HasAfterPhotoAsync(db, hazard, CancellationToken.None)));
        using var inspector = await app.ClientForAsync("inspector-1");
        Assert.Equal(HttpStatusCode.Created, (await inspector.PostAsync($"/api/v1/hazards/{hazard}/attachments",
            Form("Before", Drawn(SKEncodedImageFormat.Jpeg, 320, 200), "b.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await inspector.PostAsync($"/api/v1/hazards/{hazard}/attachments",
            Form("After", Encoding.ASCII.GetBytes("%PDF-1.7\nacceptance\n%%EOF\n"), "a.pdf", "application/pdf"))).StatusCode);
        Assert.False(await app.WithDbAsync(db => HazardAttachments.HasAfterPhotoAsync(db, hazard, CancellationToken.None)));
        Assert.Equal(HttpStatusCode.Created, (await inspector.PostAsync($"/api/v1/hazards/{hazard}/attachments",
            Form("AFTER", Drawn(SKEncodedImageFormat.Jpeg, 320, 210), "a.jpg", "image/jpeg"))).StatusCode);
        Assert.True(await app.WithDbAsync(db => HazardAttachments.HasAfterPhotoAsync(db, hazard, CancellationToken.None)));
        // A district leader reads but does not write.
        using var leader = await app.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/v1/hazards/{hazard}/attachments",
            Form("After", Drawn(SKEncodedImageFormat.Jpeg, 320, 220), "l.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(3, (await leader.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard}/attachments")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_demo_district_has_drawn_photos_with_exif_and_one_flag_of_each_kind()
    {
        using var leader = await app.ClientForAsync("leader");
        var hazards = (await app.ScalarAsync($"SELECT string_agg(DISTINCT hazard_id::text, ',') FROM attachments WHERE uploaded_by = '{DemoEvidence.UploadedBy}'") as string)!
            .Split(',').Select(long.Parse).ToList();
        Assert.Equal(DemoEvidence.Hazards, hazards.Count);
        var items = new List<JsonElement>();
        foreach (var hazard in hazards)
            items.AddRange((await leader.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard}/attachments")).GetProperty("items").EnumerateArray());
        var photos = items.Where(i => i.GetProperty("mediaType").GetString() == "image/jpeg").ToList();
        Assert.Equal(2 * DemoEvidence.Hazards, photos.Count);
        Assert.All(photos, p => Assert.NotEqual(JsonValueKind.Null, p.GetProperty("takenAt").ValueKind));
        Assert.Single(photos, p => p.GetProperty("farFromEnterprise").GetBoolean());
        Assert.Single(photos, p => p.GetProperty("takenBeforeFound").GetBoolean());
        Assert.Single(items, i => i.GetProperty("mediaType").GetString() == "application/pdf");
        foreach (var hazard in hazards) Assert.True(await app.WithDbAsync(db => HazardAttachments.HasAfterPhotoAsync(db, hazard, CancellationToken.None)));
    }
}
