namespace Amazon.Runtime
{
    /// <summary>A set of keys as AWS SDK for .NET hands them out (GetCredentials()).</summary>
    public class ImmutableCredentials
    {
        public ImmutableCredentials(string accessKey, string secretKey, string token)
        {
            AccessKey = accessKey; SecretKey = secretKey; Token = token ?? string.Empty;
        }

        public string AccessKey { get; }
        public string SecretKey { get; }
        public string Token { get; }
        public bool UseToken => !string.IsNullOrEmpty(Token);
    }

    /// <summary>
    /// The -Credential type of AWS.Tools, so that scripts building keys with
    /// [Amazon.Runtime.BasicAWSCredentials]::new($ak, $sk) run unchanged.
    /// </summary>
    public abstract class AWSCredentials
    {
        public abstract ImmutableCredentials GetCredentials();

        // Keys never reach the console or logs through ToString().
        public override string ToString() => GetType().Name;
    }

    public class BasicAWSCredentials : AWSCredentials
    {
        private readonly ImmutableCredentials _keys;
        public BasicAWSCredentials(string accessKey, string secretKey) { _keys = new ImmutableCredentials(accessKey, secretKey, null); }
        public override ImmutableCredentials GetCredentials() => _keys;
    }

    public class SessionAWSCredentials : AWSCredentials
    {
        private readonly ImmutableCredentials _keys;
        public SessionAWSCredentials(string accessKey, string secretKey, string token) { _keys = new ImmutableCredentials(accessKey, secretKey, token); }
        public override ImmutableCredentials GetCredentials() => _keys;
    }
}
