"""Evidence uploads: photos and videos, checked by their bytes, stored privately."""
