"""The Slack adapter: slack-bolt's AsyncApp in HTTP mode (production) or Socket Mode (dev)."""
