using Amazon.Runtime;

namespace Amazon.CognitoIdentityProvider
{
    /// <summary>
    /// The ChallengeName values of Cognito (cognito-idp API model), a stand-in for the SDK's where the session has none; held to the SDK for Rust
    /// (native/src/api_model_tests.rs) and botocore's model (tests/ApiModelContract.Tests.ps1).
    /// </summary>
    public class ChallengeNameType : ConstantClass
    {
        public static readonly ChallengeNameType ADMIN_NO_SRP_AUTH = new ChallengeNameType("ADMIN_NO_SRP_AUTH");
        public static readonly ChallengeNameType CUSTOM_CHALLENGE = new ChallengeNameType("CUSTOM_CHALLENGE");
        public static readonly ChallengeNameType DEVICE_PASSWORD_VERIFIER = new ChallengeNameType("DEVICE_PASSWORD_VERIFIER");
        public static readonly ChallengeNameType DEVICE_SRP_AUTH = new ChallengeNameType("DEVICE_SRP_AUTH");
        public static readonly ChallengeNameType EMAIL_OTP = new ChallengeNameType("EMAIL_OTP");
        public static readonly ChallengeNameType MFA_SETUP = new ChallengeNameType("MFA_SETUP");
        public static readonly ChallengeNameType NEW_PASSWORD_REQUIRED = new ChallengeNameType("NEW_PASSWORD_REQUIRED");
        public static readonly ChallengeNameType PASSWORD = new ChallengeNameType("PASSWORD");
        public static readonly ChallengeNameType PASSWORD_SRP = new ChallengeNameType("PASSWORD_SRP");
        public static readonly ChallengeNameType PASSWORD_VERIFIER = new ChallengeNameType("PASSWORD_VERIFIER");
        public static readonly ChallengeNameType SELECT_CHALLENGE = new ChallengeNameType("SELECT_CHALLENGE");
        public static readonly ChallengeNameType SELECT_MFA_TYPE = new ChallengeNameType("SELECT_MFA_TYPE");
        public static readonly ChallengeNameType SMS_MFA = new ChallengeNameType("SMS_MFA");
        public static readonly ChallengeNameType SMS_OTP = new ChallengeNameType("SMS_OTP");
        public static readonly ChallengeNameType SOFTWARE_TOKEN_MFA = new ChallengeNameType("SOFTWARE_TOKEN_MFA");
        public static readonly ChallengeNameType WEB_AUTHN = new ChallengeNameType("WEB_AUTHN");

        public ChallengeNameType(string value) : base(value) { }

        public static ChallengeNameType FindValue(string value) => FindValue<ChallengeNameType>(value);

        public static implicit operator ChallengeNameType(string value) => FindValue(value);
    }
}
