// The 3D stage: renderer, lights, camera with orbit/zoom, and the render loop.
// The loop calls each registered per-frame callback before drawing.
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

export class Stage {
  constructor(container) {
    this.container = container;
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.toneMapping = THREE.ACESFilmicToneMapping;
    this.renderer.toneMappingExposure = 1.05;
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    container.appendChild(this.renderer.domElement);

    this.scene = new THREE.Scene();
    this.scene.background = new THREE.Color(0x2a2e36);
    this.scene.add(new THREE.HemisphereLight(0xf4f1ff, 0x403a38, 1.4));
    const key = new THREE.DirectionalLight(0xfff4e8, 2.2); key.position.set(0.6, 0.8, 1.2);
    const fill = new THREE.DirectionalLight(0xdfe8ff, 0.7); fill.position.set(-1, 0.2, 0.8);
    const rim = new THREE.DirectionalLight(0xffffff, 0.8); rim.position.set(0, 0.6, -1);
    this.scene.add(key, fill, rim);

    this.camera = new THREE.PerspectiveCamera(26, 1, 0.01, 100);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.enablePan = false;
    this.callbacks = [];
    this.clock = new THREE.Clock();

    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
    this.renderer.setAnimationLoop(() => this.tick());
  }

  get canvas() { return this.renderer.domElement; }

  onFrame(callback) { this.callbacks.push(callback); }

  resize() {
    const w = Math.max(1, this.container.clientWidth), h = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
  }

  // Frames a box (the avatar's face) so it fills most of the view from the front.
  frame(box) {
    const center = box.getCenter(new THREE.Vector3());
    const size0 = box.getSize(new THREE.Vector3());
    center.y += size0.y * 0.08;  // hair sits above the moving vertices
    const size = box.getSize(new THREE.Vector3());
    const radius = Math.max(size.x, size.y) * 0.64;
    const fitHeight = radius / Math.tan(THREE.MathUtils.degToRad(this.camera.fov / 2));
    const fitWidth = fitHeight / Math.min(1, this.camera.aspect);
    const distance = Math.max(fitHeight, fitWidth) * 1.05;
    this.camera.near = distance / 100; this.camera.far = distance * 100;
    this.camera.position.set(center.x, center.y, center.z + distance);
    this.controls.target.copy(center);
    this.controls.minDistance = distance * 0.25;
    this.controls.maxDistance = distance * 6;
    this.camera.updateProjectionMatrix();
    this.controls.update();
  }

  tick() {
    const dt = this.clock.getDelta();
    for (const callback of this.callbacks) callback(dt);
    this.controls.update();
    this.renderer.render(this.scene, this.camera);
  }
}
