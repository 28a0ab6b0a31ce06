"""Reference data shipped with gdprfine (each file says where it comes from)."""
