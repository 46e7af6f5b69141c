FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir .
RUN useradd --create-home app && mkdir -p /srv/media /app/staticfiles && chown -R app /srv/media /app
USER app
EXPOSE 8000
