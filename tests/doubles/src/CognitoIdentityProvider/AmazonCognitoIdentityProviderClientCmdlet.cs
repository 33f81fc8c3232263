// TEST DOUBLE of the base of AWS.Tools V5's generated Cognito cmdlets (AWS.Tools.CognitoIdentityProvider 5.x).
// Where AWS.Tools goes through AmazonCognitoIdentityProviderClient, this double makes the Cognito JSON call itself
// (AWS JSON 1.1: POST, X-Amz-Target, application/x-amz-json-1.1) with HttpClient, to -EndpointUrl only, with a
// dummy SigV4 Authorization header: the test server (moto) reads the region and access key from its scope and
// does not check the signature. It never resolves credentials, profiles or endpoints, and never contacts AWS.
//
// Responses are read into the Cognito double's SDK types (AdminInitiateAuthResponse, ...) by reflection: a JSON
// member sets the property of the same name (case-insensitive); ConstantClass members go through FindValue, as the
// SDK's unmarshallers do. Errors follow AWS.Tools V5: a terminating ErrorRecord whose exception is
// InvalidOperationException(message, inner), inner = the double's exception type named by the error code (the
// part of __type after '#'), else AmazonCognitoIdentityProviderException; error id = the inner type's full name;
// category InvalidOperation.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Amazon.CognitoIdentityProvider;
using Amazon.Runtime;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    public abstract class AmazonCognitoIdentityProviderClientCmdlet : PSCmdlet
    {
        static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        static readonly Assembly ModelAssembly = typeof(AmazonCognitoIdentityProviderException).Assembly;
        static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        // The common parameters of AWS.Tools that a test needs; the double resolves nothing else.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string EndpointUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RegionToCall")]
        public string Region { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AK")]
        public string AccessKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SK", "SecretAccessKey")]
        public string SecretKey { get; set; }

        /// <summary>Calls the operation and returns the double's response object, or throws as AWS.Tools does.</summary>
        protected TResponse Invoke<TResponse>(string operation, AmazonCognitoIdentityProviderRequest request)
            where TResponse : AmazonWebServiceResponse, new()
        {
            if (string.IsNullOrEmpty(EndpointUrl))
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    "This AWS.Tools test double calls only -EndpointUrl (a local test server); none was given."),
                    "InvalidOperationException", ErrorCategory.InvalidArgument, this));

            var region = string.IsNullOrEmpty(Region) ? "us-east-1" : Region;
            var now = DateTime.UtcNow;
            var message = new HttpRequestMessage(HttpMethod.Post, EndpointUrl);
            message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
            message.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'"));
            message.Headers.TryAddWithoutValidation("Authorization",
                $"AWS4-HMAC-SHA256 Credential={AccessKey ?? "AKIDDOUBLE"}/{now:yyyyMMdd}/{region}/cognito-idp/aws4_request, " +
                "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + new string('0', 64));
            message.Content = new ByteArrayContent(Serialize(request));
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");

            HttpResponseMessage answer = null;
            string body = null;
            try
            {
                answer = Http.SendAsync(message).GetAwaiter().GetResult();
                body = answer.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is HttpRequestException || e is System.Threading.Tasks.TaskCanceledException)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(e.Message, e),
                    e.GetType().FullName, ErrorCategory.InvalidOperation, this));
            }

            var requestId = answer.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            using (var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body))
            {
                if (!answer.IsSuccessStatusCode)
                    ThrowServiceError(json.RootElement, answer, requestId);

                var response = new TResponse();
                Populate(response, json.RootElement);
                response.HttpStatusCode = answer.StatusCode;
                response.ContentLength = Encoding.UTF8.GetByteCount(body ?? "");
                response.ResponseMetadata = new ResponseMetadata { RequestId = requestId };
                return response;
            }
        }

        void ThrowServiceError(JsonElement error, HttpResponseMessage answer, string requestId)
        {
            // The error code: x-amzn-ErrorType or __type, without a namespace prefix ('...#Code') or a ':' suffix.
            string code = answer.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null;
            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("__type", out var type))
                code = type.GetString();
            code = code ?? "Unknown";
            code = code.Substring(code.IndexOf('#') + 1);
            if (code.IndexOf(':') >= 0) code = code.Substring(0, code.IndexOf(':'));

            string text = null;
            foreach (var name in new[] { "message", "Message" })
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.String)
                    text = m.GetString();
            text = text ?? $"Error {(int)answer.StatusCode} ({code}) from the service.";

            var modelled = ModelAssembly.GetType("Amazon.CognitoIdentityProvider.Model." + code);
            var exceptionType = modelled != null && typeof(AmazonCognitoIdentityProviderException).IsAssignableFrom(modelled)
                ? modelled : typeof(AmazonCognitoIdentityProviderException);
            var typed = (AmazonCognitoIdentityProviderException)Activator.CreateInstance(exceptionType,
                text, null, ErrorType.Sender, code, requestId, answer.StatusCode);
            if (error.ValueKind == JsonValueKind.Object) Populate(typed, error);   // e.g. InvalidParameterException.ReasonCode

            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(text, typed),
                typed.GetType().FullName, ErrorCategory.InvalidOperation, this));
        }

        /// <summary>Hashtable parameter → the SDK's Dictionary&lt;string,string&gt; (null stays null).</summary>
        protected static Dictionary<string, string> ToStringMap(Hashtable table)
        {
            if (table == null) return null;
            var map = new Dictionary<string, string>();
            foreach (DictionaryEntry entry in table)
                map[LanguagePrimitives.ConvertTo<string>(entry.Key)] = entry.Value == null ? null : LanguagePrimitives.ConvertTo<string>(entry.Value);
            return map;
        }

        // ---- JSON <-> the double's model types (by reflection; only properties the Cognito model declares) ----

        static IEnumerable<PropertyInfo> ModelProperties(Type type)
        {
            return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.DeclaringType.Assembly == ModelAssembly && p.GetIndexParameters().Length == 0);
        }

        static void Populate(object target, JsonElement json)
        {
            foreach (var member in json.EnumerateObject())
            {
                var property = ModelProperties(target.GetType())
                    .FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase));
                if (property != null && property.CanWrite)
                    property.SetValue(target, Read(member.Value, property.PropertyType));
            }
        }

        static object Read(JsonElement json, Type type)
        {
            if (json.ValueKind == JsonValueKind.Null) return null;
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t == typeof(string)) return json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText();
            if (t == typeof(int)) return json.GetInt32();
            if (t == typeof(long)) return json.GetInt64();
            if (t == typeof(bool)) return json.GetBoolean();
            if (t == typeof(double)) return json.GetDouble();
            if (t == typeof(float)) return json.GetSingle();
            // AWS JSON timestamps are epoch seconds (with a fraction).
            if (t == typeof(DateTime))
                return json.ValueKind == JsonValueKind.Number ? UnixEpoch.AddSeconds(json.GetDouble()) : DateTime.Parse(json.GetString()).ToUniversalTime();
            if (t == typeof(MemoryStream)) return new MemoryStream(json.GetBytesFromBase64());
            if (typeof(ConstantClass).IsAssignableFrom(t))
                return t.GetMethod("FindValue", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null)
                        .Invoke(null, new object[] { json.GetString() });
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(t);
                foreach (var item in json.EnumerateArray()) list.Add(Read(item, t.GetGenericArguments()[0]));
                return list;
            }
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var map = (IDictionary)Activator.CreateInstance(t);
                foreach (var entry in json.EnumerateObject()) map[entry.Name] = Read(entry.Value, t.GetGenericArguments()[1]);
                return map;
            }
            if (t.IsClass && t.Assembly == ModelAssembly)
            {
                var value = Activator.CreateInstance(t);
                Populate(value, json);
                return value;
            }
            return null;   // Amazon.Runtime.Documents.Document members are not read (the three cmdlets meet none).
        }

        // Wire names are the property names: right for every member the three cmdlets send (the model's lower-case
        // member names, HttpHeader's headerName/headerValue, are only reachable through ContextData, not offered).
        static byte[] Serialize(object request)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream)) Write(writer, request);
                return stream.ToArray();
            }
        }

        static void Write(Utf8JsonWriter writer, object value)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); return;
                case string s: writer.WriteStringValue(s); return;
                case ConstantClass c: writer.WriteStringValue(c.Value); return;
                case bool b: writer.WriteBooleanValue(b); return;
                case int i: writer.WriteNumberValue(i); return;
                case long l: writer.WriteNumberValue(l); return;
                case double d: writer.WriteNumberValue(d); return;
                case float f: writer.WriteNumberValue(f); return;
                case DateTime dt: writer.WriteNumberValue((dt.ToUniversalTime() - UnixEpoch).TotalSeconds); return;
                case MemoryStream ms: writer.WriteBase64StringValue(ms.ToArray()); return;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map) { writer.WritePropertyName(entry.Key.ToString()); Write(writer, entry.Value); }
                    writer.WriteEndObject();
                    return;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items) Write(writer, item);
                    writer.WriteEndArray();
                    return;
            }
            writer.WriteStartObject();
            foreach (var property in ModelProperties(value.GetType()))
            {
                var member = property.GetValue(value);
                if (member == null) continue;
                writer.WritePropertyName(property.Name);
                Write(writer, member);
            }
            writer.WriteEndObject();
        }
    }
}
