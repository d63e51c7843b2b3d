"""The application: campaigns (runner), replay, selftest and studies."""
