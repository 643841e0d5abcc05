"""Small widgets of the wizard."""
