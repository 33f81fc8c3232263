using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Runtime;

namespace CognitoAdminAuth.Native
{
    /// <summary>Turns the native layer's JSON (AWS member names) into the AWS.Tools response types.</summary>
    internal static class ResponseReader
    {
        /// <summary>Reads a response and wipes <paramref name="json"/>: its tokens then live only in the result.</summary>
        public static T Read<T>(byte[] json) where T : AmazonWebServiceResponse, IAuthResponse, new()
        {
            try
            {
                return Parse<T>(json);
            }
            finally
            {
                System.Array.Clear(json, 0, json.Length);
            }
        }

        private static T Parse<T>(byte[] json) where T : AmazonWebServiceResponse, IAuthResponse, new()
        {
            using (var doc = JsonDocument.Parse(json))
            {
                var root = doc.RootElement;
                var r = new T();
                Metadata(root, r);
                r.ChallengeName = ChallengeNameType.FindValue(Str(root, "ChallengeName"));
                r.Session = Str(root, "Session");
                r.ChallengeParameters = Map(root, "ChallengeParameters");
                r.AuthenticationResult = AuthResult(root);
                if (root.TryGetProperty("AvailableChallenges", out var a) && a.ValueKind == JsonValueKind.Array)
                    r.AvailableChallenges = a.EnumerateArray().Select(e => e.GetString()).ToList();
                return r;
            }
        }

        private static void Metadata(JsonElement root, AmazonWebServiceResponse r)
        {
            r.HttpStatusCode = (HttpStatusCode)(root.TryGetProperty("HttpStatusCode", out var s) ? s.GetInt32() : 200);
            r.ResponseMetadata = new ResponseMetadata
            {
                RequestId = root.TryGetProperty("ResponseMetadata", out var m) ? Str(m, "RequestId") : null,
            };
        }

        private static AuthenticationResultType AuthResult(JsonElement root)
        {
            if (!root.TryGetProperty("AuthenticationResult", out var a) || a.ValueKind != JsonValueKind.Object)
                return null;
            NewDeviceMetadataType device = null;
            if (a.TryGetProperty("NewDeviceMetadata", out var d) && d.ValueKind == JsonValueKind.Object)
                device = new NewDeviceMetadataType { DeviceKey = Str(d, "DeviceKey"), DeviceGroupKey = Str(d, "DeviceGroupKey") };
            return new AuthenticationResultType
            {
                AccessToken = Str(a, "AccessToken"),
                ExpiresIn = a.TryGetProperty("ExpiresIn", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : (int?)null,
                IdToken = Str(a, "IdToken"),
                RefreshToken = Str(a, "RefreshToken"),
                TokenType = Str(a, "TokenType"),
                NewDeviceMetadata = device,
            };
        }

        internal static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static Dictionary<string, string> Map(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Object)
                return null;
            var map = new Dictionary<string, string>();
            foreach (var p in v.EnumerateObject())
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
            return map;
        }
    }
}
