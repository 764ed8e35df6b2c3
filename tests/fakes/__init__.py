"""Loopback fakes for adapter tests: a fake Slack Web API and a signed-request driver."""
