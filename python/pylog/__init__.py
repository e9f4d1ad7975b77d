"""Python companions of @pylog/logging for services that share its logging configuration."""
