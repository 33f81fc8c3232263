using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// Decodes an ID or access token's header and claims WITHOUT verifying its signature: for reading what a
    /// token says (user, expiry), never for deciding whether to trust it.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "CGIPUnverifiedToken")]
    [OutputType(typeof(PSObject))]
    public class ConvertFromCGIPUnverifiedTokenCmdlet : NativeHelperCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdToken", "AccessToken")]
        public string Token { get; set; }

        protected override void ProcessRecord()
        {
            var result = CallNative(NativeNames.Operation.DecodeTokenUnverified, new Dictionary<string, object> { ["Token"] = Token });
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("Header", ToObject(result.GetProperty("Header"))));
            o.Properties.Add(new PSNoteProperty("Claims", ToObject(result.GetProperty("Payload"))));
            DateTimeOffset? expires = result.TryGetProperty("Expires", out var e) && e.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeSeconds(e.GetInt64()) : (DateTimeOffset?)null;
            o.Properties.Add(new PSNoteProperty("ExpiresAt", expires?.UtcDateTime));
            o.Properties.Add(new PSNoteProperty("IsExpired", expires.HasValue ? expires.Value <= DateTimeOffset.UtcNow : (bool?)null));
            o.Properties.Add(new PSNoteProperty("SignatureVerified", false));
            WriteObject(o);
        }

        /// <summary>JSON object → PSCustomObject-like PSObject, arrays → object[], scalars → .NET values.</summary>
        private static object ToObject(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var o = new PSObject();
                    foreach (var p in e.EnumerateObject()) o.Properties.Add(new PSNoteProperty(p.Name, ToObject(p.Value)));
                    return o;
                case JsonValueKind.Array:
                    var list = new List<object>();
                    foreach (var item in e.EnumerateArray()) list.Add(ToObject(item));
                    return list.ToArray();
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.Number: return e.TryGetInt64(out var l) ? (object)l : e.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }
    }
}
